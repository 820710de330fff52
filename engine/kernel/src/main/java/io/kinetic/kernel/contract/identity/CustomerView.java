package io.kinetic.kernel.contract.identity;

import java.time.Instant;
import java.util.UUID;

public record CustomerView(UUID id, String email, String name, Instant createdAt) {
}

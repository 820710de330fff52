package io.kinetic.kernel.contract.identity;

import java.util.UUID;

/** Reply: {@link StaffView}. Fails {@code NOT_FOUND}. */
public record GetStaff(UUID id) {
}

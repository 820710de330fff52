package io.kinetic.kernel.contract.identity;

import java.util.List;

public record StaffList(List<StaffView> items) {
}

package io.kinetic.kernel.contract.identity;

/** Every staff member by e-mail; {@code active} true or false keeps only those, null all. Reply: {@link StaffList}. */
public record ListStaff(Boolean active) {
}

package io.kinetic.kernel.contract.identity;

/** The new member, and the generated initial password (null when the inviter chose one). */
public record StaffInvited(StaffView staff, String generatedPassword) {
}

package io.kinetic.kernel.contract.log;

/** An operator removes a consumer that is gone for good, so that the log can be purged past it. */
public record ForgetReader(String source, String consumer) {
}

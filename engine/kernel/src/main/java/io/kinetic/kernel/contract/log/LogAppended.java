package io.kinetic.kernel.contract.log;

/** Published when events entered a log: a wake-up for its consumers, who read them from the log. */
public record LogAppended(String source, long head) {
}

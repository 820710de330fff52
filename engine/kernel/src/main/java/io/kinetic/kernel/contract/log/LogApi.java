package io.kinetic.kernel.contract.log;

import io.kinetic.kernel.bus.Endpoint;
import io.kinetic.kernel.contract.Deleted;
import java.util.List;

/**
 * The endpoints of a context's event log ({@code <source>.log.*}). Every node that runs a
 * context also serves its log, so requests stay on the caller's node.
 */
public final class LogApi {

  /** The messages of the log protocol, for codec registration. */
  public static final List<Class<?>> MESSAGES = List.of(ReadLog.class, LogBatch.class, LogAppended.class,
    GetLogStatus.class, LogStatus.class, ForgetReader.class);

  private LogApi() {
  }

  public static String appended(String source) {
    return source + ".log.appended";
  }

  public static Endpoint<ReadLog, LogBatch> read(String source) {
    return Endpoint.local(source + ".log.read", ReadLog.class, LogBatch.class);
  }

  public static Endpoint<GetLogStatus, LogStatus> status(String source) {
    return Endpoint.local(source + ".log.status", GetLogStatus.class, LogStatus.class);
  }

  public static Endpoint<ForgetReader, Deleted> forget(String source) {
    return Endpoint.local(source + ".log.forget", ForgetReader.class, Deleted.class);
  }
}

package io.kinetic.kernel.contract.log;

import io.kinetic.kernel.bus.Addresses;
import io.kinetic.kernel.bus.Endpoint;
import io.kinetic.kernel.contract.Deleted;

/**
 * The endpoints of a context's event log ({@code <source>.log.*}). Every node that runs a
 * context also serves its log, so requests stay on the caller's node.
 */
public final class LogApi {

  private LogApi() {
  }

  public static Endpoint<ReadLog, LogBatch> read(String source) {
    return Endpoint.local(Addresses.Log.read(source), ReadLog.class, LogBatch.class);
  }

  public static Endpoint<GetLogStatus, LogStatus> status(String source) {
    return Endpoint.local(Addresses.Log.status(source), GetLogStatus.class, LogStatus.class);
  }

  public static Endpoint<ForgetReader, Deleted> forget(String source) {
    return Endpoint.local(Addresses.Log.forget(source), ForgetReader.class, Deleted.class);
  }
}

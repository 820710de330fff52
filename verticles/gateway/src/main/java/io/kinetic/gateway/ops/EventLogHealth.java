package io.kinetic.gateway.ops;

import io.kinetic.gateway.Replies;
import io.kinetic.gateway.Requests;
import io.kinetic.kernel.bus.BusClient;
import io.kinetic.kernel.bus.Caller;
import io.kinetic.kernel.contract.log.GetLogStatus;
import io.kinetic.kernel.contract.log.LogApi;
import io.kinetic.kernel.contract.log.LogStatus;
import io.kinetic.kernel.contract.log.ReaderStatus;
import io.kinetic.kernel.outbox.EventLogVerticle;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Map;

/**
 * The event logs of the contexts running on this node and their consumers' lag, for
 * {@code GET /api/v1/admin/health/events} (admin) and as gauges appended to {@code /metrics}.
 * Every node serves every log from the shared database, so any node shows the whole picture.
 */
final class EventLogHealth {

  private final Vertx vertx;
  private final BusClient bus;

  EventLogHealth(Vertx vertx, BusClient bus) {
    this.vertx = vertx;
    this.bus = bus;
  }

  /** One status per log; a log that cannot answer fails the whole call (a 5xx names the code). */
  Future<List<LogStatus>> statuses(Caller caller) {
    List<Future<LogStatus>> all = EventLogVerticle.sourcesOn(vertx).stream()
      .map(source -> bus.request(LogApi.status(source), new GetLogStatus(source), caller))
      .toList();
    return Future.all(all).map(done -> all.stream().map(Future::result).toList());
  }

  void reply(RoutingContext rc) {
    statuses(Requests.caller(rc)).onComplete(Replies.to(rc, (r, logs) -> Replies.ok(r, Map.of("logs", logs))));
  }

  /** Prometheus text: log head and unlogged events, and per consumer events and seconds behind and parked events. */
  static String prometheus(List<LogStatus> logs) {
    var out = new StringBuilder(512);
    out.append("# HELP kinetic_event_log_head Newest position of a context's event log\n")
      .append("# TYPE kinetic_event_log_head gauge\n");
    logs.forEach(l -> out.append("kinetic_event_log_head{log=\"").append(l.source()).append("\"} ").append(l.head()).append('\n'));
    out.append("# HELP kinetic_event_log_unlogged Committed events not yet in the log\n")
      .append("# TYPE kinetic_event_log_unlogged gauge\n");
    logs.forEach(l -> out.append("kinetic_event_log_unlogged{log=\"").append(l.source()).append("\"} ").append(l.unlogged())
      .append('\n'));
    gauge(out, logs, "kinetic_event_consumer_lag_events", "Events a consumer has not applied yet", r -> r.eventsBehind());
    gauge(out, logs, "kinetic_event_consumer_lag_seconds", "Age of the oldest event a consumer has not applied",
      ReaderStatus::secondsBehind);
    gauge(out, logs, "kinetic_event_consumer_parked", "Events a consumer set aside after failing on them", r -> r.parked());
    return out.toString();
  }

  private static void gauge(StringBuilder out, List<LogStatus> logs, String name, String help,
                            java.util.function.ToDoubleFunction<ReaderStatus> value) {
    out.append("# HELP ").append(name).append(' ').append(help).append('\n')
      .append("# TYPE ").append(name).append(" gauge\n");
    for (LogStatus log : logs) {
      for (ReaderStatus reader : log.readers()) {
        out.append(name).append("{log=\"").append(log.source()).append("\",consumer=\"")
          .append(reader.consumer().replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n")).append("\"} ")
          .append(value.applyAsDouble(reader)).append('\n');
      }
    }
  }
}

package io.kinetic.kernel.log;

import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;

/**
 * One JSON object per line: time, level, logger, message, and the correlation id when the message
 * carries one as {@code [cid=...]} at its start (see {@link Logs#withCorrelation}).
 */
public final class JsonLogFormatter extends Formatter {

  @Override
  public String format(LogRecord record) {
    String message = formatMessage(record);
    var json = new JsonObject()
      .put("ts", Instant.ofEpochMilli(record.getMillis()).toString())
      .put("level", record.getLevel().getName())
      .put("logger", shortName(record.getLoggerName()));
    if (message != null && message.startsWith("[cid=")) {
      int end = message.indexOf(']');
      if (end > 0) {
        json.put("correlationId", message.substring(5, end));
        message = message.substring(end + 1).trim();
      }
    }
    json.put("msg", message);
    if (record.getThrown() != null) {
      var out = new StringWriter();
      record.getThrown().printStackTrace(new PrintWriter(out));
      json.put("error", out.toString());
    }
    return json.encode() + System.lineSeparator();
  }

  private static String shortName(String logger) {
    if (logger == null) {
      return "";
    }
    int dot = logger.lastIndexOf('.');
    return dot < 0 ? logger : logger.substring(dot + 1);
  }
}

package io.kinetic.kernel.log;

import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;

/**
 * What a person at the terminal reads: one plain line per warning or error, in the style of the
 * start's progress lines ({@code [kinetic] warning: ...}), without the stack trace (that is in the
 * JSON log file).
 */
final class TextLogFormatter extends Formatter {

  private final String logFile;

  TextLogFormatter(String logFile) {
    this.logFile = logFile;
  }

  @Override
  public String format(LogRecord record) {
    String message = formatMessage(record);
    if (message != null && message.startsWith("[cid=")) {
      int end = message.indexOf(']');
      message = end > 0 ? message.substring(end + 1).trim() : message;
    }
    String level = record.getLevel().intValue() >= Level.SEVERE.intValue() ? "error"
      : record.getLevel().intValue() >= Level.WARNING.intValue() ? "warning" : "info";
    String more = record.getThrown() == null ? "" : " (" + record.getThrown() + "; details in " + logFile + ")";
    return "[kinetic] " + level + ": " + message + more + System.lineSeparator();
  }
}

package io.kinetic.recommendations;

import io.kinetic.kernel.contract.recommendations.BehaviourEvent;
import io.kinetic.kernel.contract.recommendations.BehaviourType;
import io.kinetic.kernel.contract.recommendations.RecordEvents;
import io.kinetic.kernel.error.FieldError;
import io.kinetic.kernel.error.Failure;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Checks a batch before anything of it is stored: the session id, the batch size, and each event
 * (id, a type a client may send, product, dwell time for a leave, model, position and A/B arm for
 * recommendation events, a time neither in the future nor older than a day). Failures name the
 * first {@value #MAX_ERRORS} bad fields as {@code events[i].field}.
 */
final class EventValidation {

  static final Pattern SESSION = Pattern.compile("[A-Za-z0-9_-]{8,64}");
  static final Pattern MODEL = Pattern.compile("[a-z][a-z0-9-]{0,31}");
  private static final int MAX_ERRORS = 10;
  private static final long MAX_DWELL_MILLIS = 3_600_000;
  private static final Duration MAX_AGE = Duration.ofDays(1);
  private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

  private EventValidation() {
  }

  static void check(RecordEvents batch, int maxEvents, Instant now) {
    var errors = new ArrayList<FieldError>();
    if (batch.sessionId() == null || !SESSION.matcher(batch.sessionId()).matches()) {
      errors.add(new FieldError("sessionId", "must be 8 to 64 letters, digits, - or _"));
    }
    List<BehaviourEvent> events = batch.events();
    if (events == null || events.isEmpty() || events.size() > maxEvents) {
      errors.add(new FieldError("events", "must hold 1 to " + maxEvents + " events"));
      throw Failure.invalid(errors);
    }
    var ids = new HashSet<Object>();
    for (int i = 0; i < events.size() && errors.size() < MAX_ERRORS; i++) {
      check(events.get(i), "events[" + i + "].", now, ids, errors);
    }
    if (!errors.isEmpty()) {
      throw Failure.invalid(errors);
    }
  }

  private static void check(BehaviourEvent e, String at, Instant now, HashSet<Object> ids, List<FieldError> errors) {
    if (e == null) {
      errors.add(new FieldError(at.substring(0, at.length() - 1), "must be an event"));
      return;
    }
    if (e.id() == null) {
      errors.add(new FieldError(at + "id", "is required (a random UUID per event)"));
    } else if (!ids.add(e.id())) {
      errors.add(new FieldError(at + "id", "appears twice in the batch"));
    }
    BehaviourType type = BehaviourType.fromWire(e.type());
    if (type == null || type == BehaviourType.PURCHASE) {
      errors.add(new FieldError(at + "type", "must be product-view, product-leave, add-to-cart, recommendation-shown or recommendation-clicked"));
    }
    if (e.productId() == null) {
      errors.add(new FieldError(at + "productId", "is required"));
    }
    if (type == BehaviourType.PRODUCT_LEAVE && (e.dwellMillis() == null || e.dwellMillis() < 0 || e.dwellMillis() > MAX_DWELL_MILLIS)) {
      errors.add(new FieldError(at + "dwellMillis", "is required for product-leave, 0 to " + MAX_DWELL_MILLIS));
    } else if (type != BehaviourType.PRODUCT_LEAVE && e.dwellMillis() != null) {
      errors.add(new FieldError(at + "dwellMillis", "is only for product-leave"));
    }
    boolean recommendation = type == BehaviourType.RECOMMENDATION_SHOWN || type == BehaviourType.RECOMMENDATION_CLICKED;
    if (recommendation && (e.model() == null || !MODEL.matcher(e.model()).matches())) {
      errors.add(new FieldError(at + "model", "is required for recommendation events: the row's model"));
    } else if (!recommendation && e.model() != null) {
      errors.add(new FieldError(at + "model", "is only for recommendation events"));
    }
    if (recommendation && (e.position() == null || e.position() < 0 || e.position() > 99)) {
      errors.add(new FieldError(at + "position", "is required for recommendation events, 0 to 99"));
    } else if (!recommendation && e.position() != null) {
      errors.add(new FieldError(at + "position", "is only for recommendation events"));
    }
    if (e.arm() != null && (!recommendation || !AbTest.A.equals(e.arm()) && !AbTest.B.equals(e.arm()))) {
      errors.add(new FieldError(at + "arm", "is a or b, only for recommendation events"));
    }
    if (e.at() != null && (e.at().isAfter(now.plus(CLOCK_SKEW)) || e.at().isBefore(now.minus(MAX_AGE)))) {
      errors.add(new FieldError(at + "at", "must be within the last day"));
    }
  }
}

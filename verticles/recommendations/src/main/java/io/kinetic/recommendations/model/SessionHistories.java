package io.kinetic.recommendations.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The recent products of each session with the strongest signal seen for each, newest last: the
 * personal model's input and the co-occurrence model's sessions. Bounded: at most
 * {@code perSession} products per session and {@code sessions} sessions (the least recently active
 * is forgotten first).
 */
public final class SessionHistories {

  private final int perSession;
  private final Map<String, LinkedHashMap<UUID, Integer>> sessions;

  public SessionHistories(int perSession, int maxSessions) {
    this.perSession = perSession;
    this.sessions = new LinkedHashMap<>(1024, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, LinkedHashMap<UUID, Integer>> eldest) {
        return size() > maxSessions;
      }
    };
  }

  /**
   * Records the signal; answers the product's previous weight in the session (0 when new) and
   * leaves the other products of the session in {@code others} (with their weights).
   */
  public int record(String session, UUID product, int weight, Map<UUID, Integer> others) {
    LinkedHashMap<UUID, Integer> history = sessions.computeIfAbsent(session, s -> new LinkedHashMap<>());
    history.forEach((p, w) -> {
      if (!p.equals(product)) {
        others.put(p, w);
      }
    });
    Integer previous = history.remove(product);
    int before = previous == null ? 0 : previous;
    history.put(product, Math.max(before, weight));
    while (history.size() > perSession) {
      history.remove(history.keySet().iterator().next());
    }
    return before;
  }

  /** The session's products, newest first, with their weights; empty for an unknown session. */
  public List<Map.Entry<UUID, Integer>> recent(String session) {
    LinkedHashMap<UUID, Integer> history = session == null ? null : sessions.get(session);
    if (history == null) {
      return List.of();
    }
    var out = new ArrayList<>(history.entrySet().stream().map(e -> Map.entry(e.getKey(), e.getValue())).toList());
    java.util.Collections.reverse(out);
    return out;
  }

  public void forget(UUID product) {
    sessions.values().forEach(h -> h.remove(product));
  }
}

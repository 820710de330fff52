package io.kinetic.search;

import io.kinetic.kernel.contract.Deleted;
import io.kinetic.kernel.contract.search.ListSynonyms;
import io.kinetic.kernel.contract.search.SaveSynonym;
import io.kinetic.kernel.contract.search.Synonym;
import io.kinetic.kernel.contract.search.SynonymList;
import io.kinetic.kernel.error.ErrorCode;
import io.kinetic.kernel.error.Failure;
import io.kinetic.kernel.error.FieldError;
import io.kinetic.kernel.id.Ids;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Staff's synonym sets per locale, and the query variants they give: a query with one term of a
 * set is also searched with each other term in its place. Held in memory (reloaded after a change
 * on this node and every few seconds, for the changes of other nodes).
 */
final class Synonyms {

  static final int MAX_TERMS = 10;
  static final int MAX_TERM_LENGTH = 50;
  /** Bounds the query variants one search expands to. */
  static final int MAX_VARIANTS = 8;

  private final Pool pool;
  private volatile List<Synonym> all = List.of();

  Synonyms(Pool pool) {
    this.pool = pool;
  }

  Future<Void> load() {
    return pool.query(SearchSql.SYNONYMS).execute().map(rows -> {
      var loaded = new ArrayList<Synonym>();
      for (Row row : rows) {
        loaded.add(new Synonym(row.getUUID("id"), row.getString("locale"), Arrays.asList(row.getArrayOfStrings("terms"))));
      }
      all = List.copyOf(loaded);
      return null;
    });
  }

  SynonymList list(ListSynonyms q) {
    String locale = q.locale() == null ? null : SearchLocales.of(q.locale());
    return new SynonymList(all.stream().filter(s -> locale == null || s.locale().equals(locale)).toList());
  }

  Future<Synonym> save(SaveSynonym q) {
    var errors = new ArrayList<FieldError>();
    if (q.locale() == null || !SearchLocales.SUPPORTED.contains(q.locale())) {
      errors.add(new FieldError("locale", "one of " + SearchLocales.SUPPORTED));
    }
    var terms = new LinkedHashSet<String>();
    for (String term : q.terms() == null ? List.<String>of() : q.terms()) {
      String folded = term == null ? "" : QueryText.normalise(QueryText.fold(term));
      if (!folded.matches("[\\p{L}\\p{N}]+([ -][\\p{L}\\p{N}]+)*") || folded.length() > MAX_TERM_LENGTH) {
        errors.add(new FieldError("terms", "each term has 1 to " + MAX_TERM_LENGTH + " characters with a letter or digit"));
        break;
      }
      terms.add(folded);
    }
    if (terms.size() < 2 || terms.size() > MAX_TERMS) {
      errors.add(new FieldError("terms", "2 to " + MAX_TERMS + " different terms"));
    }
    if (!errors.isEmpty()) {
      return Future.failedFuture(Failure.invalid(errors));
    }
    String[] array = terms.toArray(String[]::new);
    Future<Synonym> saved = q.id() == null
      ? Future.succeededFuture(Ids.newId()).compose(id -> pool.preparedQuery(SearchSql.INSERT_SYNONYM)
        .execute(Tuple.tuple().addValue(id).addValue(q.locale()).addValue(array)).map(r -> new Synonym(id, q.locale(), List.of(array))))
      : pool.preparedQuery(SearchSql.UPDATE_SYNONYM).execute(Tuple.tuple().addValue(q.id()).addValue(q.locale()).addValue(array))
        .compose(r -> r.rowCount() == 0 ? Future.failedFuture(ErrorCode.NOT_FOUND.failure("no synonym set " + q.id()))
          : Future.succeededFuture(new Synonym(q.id(), q.locale(), List.of(array))));
    return saved.compose(s -> load().map(s));
  }

  Future<Deleted> delete(UUID id) {
    return pool.preparedQuery(SearchSql.DELETE_SYNONYM).execute(Tuple.of(id))
      .compose(r -> r.rowCount() == 0 ? Future.<Deleted>failedFuture(ErrorCode.NOT_FOUND.failure("no synonym set " + id))
        : load().map(v -> Deleted.of(id)));
  }

  /**
   * The query followed by its variants: for each word (or pair of words) that is a term of a set
   * of {@code locale}, the query with each other term in its place; at most {@value #MAX_VARIANTS}.
   */
  List<String> variants(String query, String locale) {
    var out = new LinkedHashSet<String>();
    out.add(query);
    String folded = " " + String.join(" ", QueryText.words(query.replace("-", " "))) + " ";
    Map<String, Set<String>> replacements = new TreeMap<>();
    for (Synonym set : all) {
      if (!set.locale().equals(locale)) {
        continue;
      }
      for (String term : set.terms()) {
        String spaced = " " + term.replace("-", " ") + " ";
        if (folded.contains(spaced)) {
          replacements.computeIfAbsent(spaced, k -> new LinkedHashSet<>()).addAll(set.terms());
        }
      }
    }
    for (Map.Entry<String, Set<String>> r : replacements.entrySet()) {
      for (String other : r.getValue()) {
        if (out.size() >= MAX_VARIANTS) {
          return List.copyOf(out);
        }
        out.add(folded.replace(r.getKey(), " " + other + " ").trim());
      }
    }
    return List.copyOf(out);
  }
}

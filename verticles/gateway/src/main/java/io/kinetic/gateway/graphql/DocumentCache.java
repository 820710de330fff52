package io.kinetic.gateway.graphql;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import graphql.ExecutionInput;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.execution.preparsed.PreparsedDocumentProvider;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Parses and validates each distinct query text once: storefronts send the same few queries
 * over and over with different variables. Bounded, so arbitrary queries cannot fill memory. The
 * depth and complexity limits run on every execution, from measures {@link QueryLimits} keeps
 * per document instance.
 */
final class DocumentCache implements PreparsedDocumentProvider {

  private final Cache<String, PreparsedDocumentEntry> cache;

  DocumentCache(int maxEntries) {
    this.cache = Caffeine.newBuilder().maximumSize(maxEntries).build();
  }

  @Override
  public CompletableFuture<PreparsedDocumentEntry> getDocumentAsync(ExecutionInput input,
                                                                    Function<ExecutionInput, PreparsedDocumentEntry> parseAndValidate) {
    return CompletableFuture.completedFuture(cache.get(input.getQuery(), query -> parseAndValidate.apply(input)));
  }
}

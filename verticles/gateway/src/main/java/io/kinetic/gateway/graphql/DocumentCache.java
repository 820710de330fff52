package io.kinetic.gateway.graphql;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import graphql.ErrorType;
import graphql.ExecutionInput;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.ParseAndValidate;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.execution.preparsed.PreparsedDocumentProvider;
import graphql.language.Document;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;
import graphql.parser.ParserEnvironment;
import graphql.parser.ParserOptions;
import graphql.parser.exceptions.ParseCancelledException;
import graphql.parser.exceptions.ParseCancelledTooDeepException;
import graphql.parser.exceptions.ParseCancelledTooManyCharsException;
import graphql.schema.GraphQLSchema;
import graphql.validation.ValidationError;
import io.kinetic.kernel.error.ErrorCode;
import io.kinetic.kernel.error.FieldError;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Parses, checks and validates each distinct query text once: storefronts send the same few
 * queries over and over with different variables. Before graphql-java's validation, whose cost
 * grows with the square of the fields a selection holds, a document is refused
 * ({@code QUERY_TOO_COMPLEX}) when it has more than {@code graphql.maxTokens} parser tokens or
 * selects more than {@code graphql.maxFields} fields, and ({@code VALIDATION_FAILED}) when a string
 * literal holds a control character: an evil document costs a parse, never a validation. Bounded
 * by total query length, so arbitrary queries cannot fill memory; refusals are remembered too.
 */
final class DocumentCache implements PreparsedDocumentProvider {

  /** Query characters remembered in all, about 2 bytes each. */
  private static final long MAX_CACHED_CHARACTERS = 8_000_000;
  /** Longer query texts are checked every time rather than remembered. */
  private static final int MAX_CACHED_QUERY = 64 * 1024;

  private final GraphQLSchema schema;
  private final ParserOptions parserOptions;
  private final int maxFields;
  private final Cache<String, PreparsedDocumentEntry> cache;

  DocumentCache(GraphQLSchema schema, int maxTokens, int maxFields) {
    this.schema = schema;
    this.maxFields = maxFields;
    this.parserOptions = ParserOptions.getDefaultOperationParserOptions().transform(options -> options
      .maxTokens(maxTokens)
      // comments and whitespace are cheap to skip, yet not free
      .maxWhitespaceTokens(maxTokens * 4));
    this.cache = Caffeine.newBuilder()
      .maximumWeight(MAX_CACHED_CHARACTERS)
      .<String, PreparsedDocumentEntry>weigher((query, entry) -> query.length() + 100)
      .build();
  }

  @Override
  public CompletableFuture<PreparsedDocumentEntry> getDocumentAsync(ExecutionInput input,
                                                                    Function<ExecutionInput, PreparsedDocumentEntry> parseAndValidate) {
    String query = input.getQuery();
    PreparsedDocumentEntry entry = cache.getIfPresent(query);
    if (entry == null) {
      entry = prepare(input);
      if (query.length() <= MAX_CACHED_QUERY) {
        cache.put(query, entry);
      }
    }
    return CompletableFuture.completedFuture(entry);
  }

  private PreparsedDocumentEntry prepare(ExecutionInput input) {
    Document document;
    try {
      document = Parser.parse(ParserEnvironment.newParserEnvironment()
        .document(input.getQuery()).parserOptions(parserOptions).locale(input.getLocale()).build());
    } catch (ParseCancelledException | ParseCancelledTooManyCharsException | ParseCancelledTooDeepException tooBig) {
      return new PreparsedDocumentEntry(error(ErrorCode.QUERY_TOO_COMPLEX, "the query is too large or too deeply nested: at most "
        + parserOptions.getMaxTokens() + " tokens are allowed", List.of()));
    } catch (InvalidSyntaxException syntax) {
      return new PreparsedDocumentEntry(syntax.toInvalidSyntaxError());
    }
    long fields = DocumentChecks.selectedFields(document, maxFields);
    if (fields > maxFields) {
      return new PreparsedDocumentEntry(error(ErrorCode.QUERY_TOO_COMPLEX, "the query selects more than "
        + maxFields + " fields (fragments spread out, aliases and repeats counted each time)", List.of()));
    }
    List<FieldError> control = DocumentChecks.controlCharacters(document);
    if (!control.isEmpty()) {
      return new PreparsedDocumentEntry(error(ErrorCode.VALIDATION_FAILED, control.get(0).field() + ": "
        + control.get(0).message(), control));
    }
    List<ValidationError> errors = ParseAndValidate.validate(schema, document, input.getLocale());
    return errors.isEmpty() ? new PreparsedDocumentEntry(document) : new PreparsedDocumentEntry(document, errors);
  }

  private static GraphQLError error(ErrorCode code, String message, List<FieldError> fields) {
    return GraphqlErrorBuilder.newError()
      .message(message)
      .errorType(code == ErrorCode.VALIDATION_FAILED ? ErrorType.ValidationError : ErrorType.ExecutionAborted)
      .extensions(ErrorCodes.extensions(code, fields))
      .build();
  }
}

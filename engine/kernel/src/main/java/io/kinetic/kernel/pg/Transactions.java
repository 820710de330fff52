package io.kinetic.kernel.pg;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Transaction;
import java.util.function.Function;

/**
 * Transactions whose {@code BEGIN} travels with their first statement. {@link Pool#withTransaction}
 * waits for PostgreSQL to answer {@code BEGIN} before it runs the function: one round trip of its own
 * per transaction. Here the function's statements are queued on the connection right behind
 * {@code BEGIN} (the connection pipelines them, in order), so a transaction costs its statements
 * and {@code COMMIT}. The outcome is the same: committed when the function's future succeeds,
 * rolled back when it fails or throws. A statement's error aborts the transaction, so the
 * statements behind it fail too and its commit fails, as with {@code withTransaction}; a connection
 * closed with a transaction open rolls it back.
 * Use it on hot paths; a transaction's statements run after {@code BEGIN} either way.
 */
public final class Transactions {

  private Transactions() {
  }

  public static <T> Future<T> run(Pool pool, Function<SqlConnection, Future<T>> function) {
    return pool.getConnection().compose(conn -> {
      // not awaited: its outcome is that of the statements queued behind it
      Future<Transaction> begun = conn.begin();
      Future<T> work;
      try {
        work = function.apply(conn);
      } catch (Throwable e) {
        work = Future.failedFuture(e);
      }
      return work
        .compose(result -> begun.compose(tx -> tx.commit()).map(result),
          failure -> begun.compose(tx -> tx.rollback()).transform(ignored -> Future.<T>failedFuture(failure)))
        .eventually(conn::close);
    });
  }
}

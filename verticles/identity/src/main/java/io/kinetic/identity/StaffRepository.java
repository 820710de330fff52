package io.kinetic.identity;

import io.kinetic.kernel.contract.identity.Realm;
import io.kinetic.kernel.contract.identity.Role;
import io.kinetic.kernel.contract.identity.StaffSessions;
import io.kinetic.kernel.error.ErrorCode;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Staff rows as staff management changes them. Every change runs in {@link #change} or
 * {@link #asAdmin}: one transaction that first takes the staff-change lock, so two changes never
 * interleave (two admins cannot deactivate each other at once and leave none).
 */
final class StaffRepository {

  private final Pool pool;
  private final AccountRepository accounts;

  StaffRepository(Pool pool, AccountRepository accounts) {
    this.pool = pool;
    this.accounts = accounts;
  }

  /** {@code work} in a transaction holding the staff-change lock. */
  <T> Future<T> change(Function<SqlConnection, Future<T>> work) {
    return pool.withTransaction(tx -> tx.query(IdentitySql.LOCK_STAFF_CHANGES).execute().compose(locked -> work.apply(tx)));
  }

  /**
   * As {@link #change}, with {@code actorId} loaded inside the transaction; fails {@code FORBIDDEN}
   * unless it is an active admin (the token that asked may be older than a demotion).
   */
  <T> Future<T> asAdmin(UUID actorId, BiFunction<SqlConnection, Account, Future<T>> work) {
    if (actorId == null) {
      return Future.failedFuture(ErrorCode.FORBIDDEN.failure("staff management needs an acting admin"));
    }
    return change(tx -> accounts.findById(tx, Realm.STAFF, actorId).compose(actor -> {
      if (actor.isEmpty() || !actor.get().active() || !actor.get().isAdmin()) {
        return Future.failedFuture(ErrorCode.FORBIDDEN.failure("only an active admin may manage staff"));
      }
      return work.apply(tx, actor.get());
    }));
  }

  /** The member {@code id}, or {@code STAFF_NOT_FOUND}. */
  Future<Account> target(SqlClient tx, UUID id) {
    return accounts.findById(tx, Realm.STAFF, id).compose(found -> found.map(Future::succeededFuture)
      .orElseGet(() -> Future.failedFuture(ErrorCode.STAFF_NOT_FOUND.failure("staff member " + id + " not found"))));
  }

  Future<List<Account>> list(Boolean active, int limit) {
    return pool.preparedQuery(IdentitySql.LIST_STAFF).execute(Tuple.of(active, limit)).map(StaffRepository::accounts);
  }

  Future<Long> activeAdmins(SqlClient tx) {
    return tx.query(IdentitySql.COUNT_ACTIVE_ADMINS).execute().map(rows -> rows.iterator().next().getLong("admins"));
  }

  /** Sets the roles and ends the member's current access tokens. */
  Future<Account> setRoles(SqlClient tx, UUID id, Set<Role> roles) {
    return tx.preparedQuery(IdentitySql.SET_STAFF_ROLES).execute(Tuple.tuple().addUUID(id).addArrayOfString(AccountRepository.roleNames(roles)))
      .map(rows -> AccountRepository.staff(rows.iterator().next()));
  }

  /** Sets {@code active}; {@code endAccess} also ends the member's current access tokens. */
  Future<Account> setActive(SqlClient tx, UUID id, boolean active, boolean endAccess) {
    return tx.preparedQuery(IdentitySql.SET_STAFF_ACTIVE).execute(Tuple.of(id, active, endAccess))
      .map(rows -> AccountRepository.staff(rows.iterator().next()));
  }

  Future<StaffSessions> sessions(int limit) {
    return pool.preparedQuery(IdentitySql.STAFF_SESSIONS).execute(Tuple.of(limit)).map(rows -> {
      var items = new ArrayList<StaffSessions.Session>();
      for (Row row : rows) {
        items.add(new StaffSessions.Session(row.getUUID("id"), row.getInteger("session_version")));
      }
      return new StaffSessions(items);
    });
  }

  private static List<Account> accounts(Iterable<Row> rows) {
    var out = new ArrayList<Account>();
    for (Row row : rows) {
      out.add(AccountRepository.staff(row));
    }
    return out;
  }
}

package io.kinetic.identity;

import io.kinetic.kernel.contract.identity.Realm;
import io.kinetic.kernel.contract.identity.Role;
import io.kinetic.kernel.error.ErrorCode;
import io.kinetic.kernel.pg.SqlStates;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Customers and staff. E-mails passed in must already be normalized ({@link Credentials#normalizeEmail}). */
final class AccountRepository {

  private final SqlClient pool;

  AccountRepository(SqlClient pool) {
    this.pool = pool;
  }

  /** Fails {@code EMAIL_TAKEN} when a customer already has the e-mail. */
  Future<Account> insertCustomer(UUID id, String email, String name, String passwordHash) {
    return pool.preparedQuery(IdentitySql.INSERT_CUSTOMER)
      .execute(Tuple.of(id, email, name, passwordHash))
      .recover(AccountRepository::emailTaken)
      .map(rows -> customer(rows.iterator().next()));
  }

  /** Fails {@code EMAIL_TAKEN} when a staff member already has the e-mail; runs on {@code client} (e.g. a transaction). */
  static Future<Account> insertStaff(SqlClient client, UUID id, String email, String name, String passwordHash, Set<Role> roles) {
    return client.preparedQuery(IdentitySql.INSERT_STAFF)
      .execute(Tuple.of(id, email, name, passwordHash, roleNames(roles)))
      .recover(AccountRepository::emailTaken)
      .map(rows -> staff(rows.iterator().next()));
  }

  /** Stored role names: lower case, sorted by declaration. */
  static String[] roleNames(Set<Role> roles) {
    return roles.stream().sorted().map(Account::roleName).toArray(String[]::new);
  }

  Future<Optional<Account>> findByEmail(Realm realm, String email) {
    String sql = realm == Realm.STAFF ? IdentitySql.STAFF_BY_EMAIL : IdentitySql.CUSTOMER_BY_EMAIL;
    return pool.preparedQuery(sql).execute(Tuple.of(email)).map(rows -> first(realm, rows));
  }

  Future<Optional<Account>> findById(Realm realm, UUID id) {
    return findById(pool, realm, id);
  }

  /** Reads with {@code client}, e.g. inside a transaction. */
  Future<Optional<Account>> findById(SqlClient client, Realm realm, UUID id) {
    String sql = realm == Realm.STAFF ? IdentitySql.STAFF_BY_ID : IdentitySql.CUSTOMER_BY_ID;
    return client.preparedQuery(sql).execute(Tuple.of(id)).map(rows -> first(realm, rows));
  }

  Future<Boolean> anyStaff() {
    return pool.query(IdentitySql.ANY_STAFF).execute().map(rows -> rows.iterator().next().getBoolean("present"));
  }

  private static Future<RowSet<Row>> emailTaken(Throwable t) {
    if (SqlStates.is(t, SqlStates.UNIQUE_VIOLATION)) {
      return Future.failedFuture(ErrorCode.EMAIL_TAKEN.failure("an account with this e-mail already exists"));
    }
    return Future.failedFuture(t);
  }

  private static Optional<Account> first(Realm realm, RowSet<Row> rows) {
    var it = rows.iterator();
    if (!it.hasNext()) {
      return Optional.empty();
    }
    Row row = it.next();
    return Optional.of(realm == Realm.STAFF ? staff(row) : customer(row));
  }

  private static Account customer(Row row) {
    return new Account(row.getUUID("id"), Realm.CUSTOMER, row.getString("email"), row.getString("name"), Set.of(),
      row.getString("password_hash"), row.getOffsetDateTime("created_at").toInstant(), true, 0);
  }

  /** A row of {@link IdentitySql#STAFF_COLUMNS}. */
  static Account staff(Row row) {
    return new Account(row.getUUID("id"), Realm.STAFF, row.getString("email"), row.getString("name"),
      Account.roles(row.getArrayOfStrings("roles")), row.getString("password_hash"),
      row.getOffsetDateTime("created_at").toInstant(), row.getBoolean("active"), row.getInteger("session_version"));
  }
}

package io.kinetic.identity;

import io.kinetic.kernel.address.AddressRules;
import io.kinetic.kernel.contract.Deleted;
import io.kinetic.kernel.contract.identity.Address;
import io.kinetic.kernel.contract.identity.AddressBook;
import io.kinetic.kernel.contract.identity.AddressInput;
import io.kinetic.kernel.contract.identity.DeleteAddress;
import io.kinetic.kernel.contract.identity.ListAddresses;
import io.kinetic.kernel.contract.identity.SaveAddress;
import io.kinetic.kernel.error.ErrorCode;
import io.kinetic.kernel.error.Failure;
import io.kinetic.kernel.error.FieldError;
import io.kinetic.kernel.id.Ids;
import io.vertx.core.Future;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Customers' address books. Every operation names the customer (from the verified token at the
 * edge) and touches only that customer's rows: another customer's address id is
 * {@code ADDRESS_NOT_FOUND}, as is an id that does not exist. A new address becomes the default for
 * shipping (billing) unless the caller says otherwise or the book has one. Changes of one book are serialised by
 * locking the customer's row, so the size limit and the single defaults hold under concurrency.
 */
final class AddressBookService {

  static final int MAX_ADDRESSES = 20;

  private static final String COLUMNS = " id, name, company, line1, line2, postal_code, city, region, country, phone,"
    + " default_shipping, default_billing, updated_at ";
  private static final String LIST = "SELECT" + COLUMNS
    + "FROM customer_address WHERE customer_id = $1 ORDER BY default_shipping DESC, created_at DESC, id";
  /** A burst of saves by one customer waits at most this long, not to hold the pool's connections. */
  private static final String LOCK_TIMEOUT = "SET LOCAL lock_timeout = '1s'";
  private static final String LOCK_NOT_AVAILABLE = "55P03";
  private static final String LOCK_CUSTOMER = "SELECT id FROM customer WHERE id = $1 FOR UPDATE";
  private static final String COUNT = """
    SELECT count(*) AS n, coalesce(bool_or(default_shipping), false) AS shipping,
      coalesce(bool_or(default_billing), false) AS billing
    FROM customer_address WHERE customer_id = $1""";
  private static final String MINE = "SELECT" + COLUMNS + "FROM customer_address WHERE id = $1 AND customer_id = $2";
  private static final String CLEAR_SHIPPING =
    "UPDATE customer_address SET default_shipping = false, updated_at = now() WHERE customer_id = $1 AND default_shipping AND id <> $2";
  private static final String CLEAR_BILLING =
    "UPDATE customer_address SET default_billing = false, updated_at = now() WHERE customer_id = $1 AND default_billing AND id <> $2";
  private static final String INSERT = """
    INSERT INTO customer_address (id, customer_id, name, company, line1, line2, postal_code, city, region, country, phone,
      default_shipping, default_billing)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
    """ + "RETURNING" + COLUMNS;
  private static final String UPDATE = """
    UPDATE customer_address SET name = $3, company = $4, line1 = $5, line2 = $6, postal_code = $7, city = $8, region = $9,
      country = $10, phone = $11, default_shipping = $12, default_billing = $13, updated_at = now()
    WHERE id = $1 AND customer_id = $2
    """ + "RETURNING" + COLUMNS;
  private static final String DELETE = "DELETE FROM customer_address WHERE id = $1 AND customer_id = $2 RETURNING id";

  private final Pool pool;

  AddressBookService(Pool pool) {
    this.pool = pool;
  }

  Future<AddressBook> list(ListAddresses q) {
    if (q.customerId() == null) {
      return Future.failedFuture(Failure.invalid("customerId", "is required"));
    }
    return pool.preparedQuery(LIST).execute(Tuple.of(q.customerId())).map(rows -> {
      var items = new ArrayList<Address>();
      rows.forEach(row -> items.add(address(row)));
      return new AddressBook(List.copyOf(items));
    });
  }

  Future<Address> save(SaveAddress q) {
    Clean in;
    try {
      in = clean(q.address());
    } catch (Failure invalid) {
      return Future.failedFuture(invalid);
    }
    if (q.customerId() == null) {
      return Future.failedFuture(Failure.invalid("customerId", "is required"));
    }
    return pool.withTransaction(tx -> tx.query(LOCK_TIMEOUT).execute()
      .compose(set -> tx.preparedQuery(LOCK_CUSTOMER).execute(Tuple.of(q.customerId())))
      .compose(customer -> {
        if (customer.size() == 0) {
          return Future.failedFuture(ErrorCode.ADDRESS_NOT_FOUND.failure("no such customer"));
        }
        return q.addressId() == null ? add(tx, q.customerId(), in) : replace(tx, q.customerId(), q.addressId(), in);
      }))
      .recover(t -> Future.failedFuture(t instanceof PgException pg && LOCK_NOT_AVAILABLE.equals(pg.getSqlState())
        ? Failure.rateLimited("your address book is being changed by other requests: try again in a moment", 1)
        : t));
  }

  Future<Deleted> delete(DeleteAddress q) {
    if (q.customerId() == null || q.addressId() == null) {
      return Future.failedFuture(notFound());
    }
    return pool.preparedQuery(DELETE).execute(Tuple.of(q.addressId(), q.customerId())).compose(rows -> rows.size() == 0
      ? Future.failedFuture(notFound())
      : Future.succeededFuture(new Deleted(q.addressId().toString())));
  }

  private Future<Address> add(SqlConnection tx, UUID customer, Clean in) {
    return tx.preparedQuery(COUNT).execute(Tuple.of(customer)).compose(count -> {
      Row book = count.iterator().next();
      long n = book.getLong("n");
      if (n >= MAX_ADDRESSES) {
        return Future.failedFuture(ErrorCode.ADDRESS_BOOK_FULL.failure(
          "an address book holds at most " + MAX_ADDRESSES + " addresses: remove one first"));
      }
      // without a default (an empty book, or its default was removed) the new address becomes it
      boolean shipping = in.defaultShipping() != null ? in.defaultShipping() : !book.getBoolean("shipping");
      boolean billing = in.defaultBilling() != null ? in.defaultBilling() : !book.getBoolean("billing");
      UUID id = Ids.newId();
      return clearDefaults(tx, customer, id, shipping, billing)
        .compose(v -> tx.preparedQuery(INSERT).execute(values(id, customer, in, shipping, billing)))
        .map(rows -> address(rows.iterator().next()));
    });
  }

  private Future<Address> replace(SqlConnection tx, UUID customer, UUID id, Clean in) {
    return tx.preparedQuery(MINE).execute(Tuple.of(id, customer)).compose(found -> {
      if (found.size() == 0) {
        return Future.failedFuture(notFound());
      }
      Row now = found.iterator().next();
      boolean shipping = in.defaultShipping() != null ? in.defaultShipping() : now.getBoolean("default_shipping");
      boolean billing = in.defaultBilling() != null ? in.defaultBilling() : now.getBoolean("default_billing");
      return clearDefaults(tx, customer, id, shipping, billing)
        .compose(v -> tx.preparedQuery(UPDATE).execute(values(id, customer, in, shipping, billing)))
        .map(rows -> address(rows.iterator().next()));
    });
  }

  private static Future<Void> clearDefaults(SqlConnection tx, UUID customer, UUID keep, boolean shipping, boolean billing) {
    Future<?> cleared = shipping ? tx.preparedQuery(CLEAR_SHIPPING).execute(Tuple.of(customer, keep)) : Future.succeededFuture();
    return cleared.compose(v -> billing ? tx.preparedQuery(CLEAR_BILLING).execute(Tuple.of(customer, keep))
      : Future.succeededFuture()).mapEmpty();
  }

  private static Tuple values(UUID id, UUID customer, Clean in, boolean shipping, boolean billing) {
    return Tuple.tuple().addUUID(id).addUUID(customer).addString(in.name()).addString(in.company()).addString(in.line1())
      .addString(in.line2()).addString(in.postalCode()).addString(in.city()).addString(in.region())
      .addString(in.country()).addString(in.phone()).addBoolean(shipping).addBoolean(billing);
  }

  private static Address address(Row row) {
    return new Address(row.getUUID("id"), row.getString("name"), row.getString("company"), row.getString("line1"),
      row.getString("line2"), row.getString("postal_code"), row.getString("city"), row.getString("region"),
      row.getString("country"), row.getString("phone"), row.getBoolean("default_shipping"),
      row.getBoolean("default_billing"), row.getOffsetDateTime("updated_at").toInstant());
  }

  private static Failure notFound() {
    return ErrorCode.ADDRESS_NOT_FOUND.failure("no such address in your address book");
  }

  /** The input trimmed, blanks of optional fields as null ({@link AddressRules}); VALIDATION_FAILED naming every bad field. */
  static Clean clean(AddressInput in) {
    if (in == null) {
      throw Failure.invalid("address", "is required");
    }
    var errors = new ArrayList<FieldError>();
    AddressRules.Lines a = AddressRules.clean("", in.name(), in.company(), in.line1(), in.line2(), in.postalCode(), in.city(),
      in.region(), in.country(), in.phone(), errors);
    if (!errors.isEmpty()) {
      throw Failure.invalid(errors);
    }
    return new Clean(a.name(), a.company(), a.line1(), a.line2(), a.postalCode(), a.city(), a.region(), a.country(), a.phone(),
      in.defaultShipping(), in.defaultBilling());
  }

  record Clean(String name, String company, String line1, String line2, String postalCode, String city, String region,
               String country, String phone, Boolean defaultShipping, Boolean defaultBilling) {
  }
}

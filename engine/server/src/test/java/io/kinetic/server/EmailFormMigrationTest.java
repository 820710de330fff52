package io.kinetic.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kinetic.kernel.pg.Migrations;
import io.kinetic.kernel.pg.PgPools;
import io.kinetic.kernel.testing.TestServices;
import java.sql.DriverManager;
import java.text.Normalizer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * Identity's V5 on a shop the previous release left: addresses stored in another Unicode form than
 * NFC are rewritten to NFC, unless that would make them another account's (an NFC twin, or two
 * non-NFC forms of one address): those stay as they were, and the migration does not fail.
 */
class EmailFormMigrationTest {

  private static final String NFC_JOSE = Normalizer.normalize("josé@example.com", Normalizer.Form.NFC);
  private static final String NFD_JOSE = Normalizer.normalize("josé@example.com", Normalizer.Form.NFD);
  private static final String NFD_RENE = Normalizer.normalize("rené@example.com", Normalizer.Form.NFD);
  /** Two non-NFC spellings of one address: s with a dot below and a dot above, the marks in either order. */
  private static final String S_DOTS_1 = "s\u0323\u0307@example.com";
  private static final String S_DOTS_2 = "s\u0307\u0323@example.com";

  @Test
  void storedAddressesBecomeNfcUnlessThatMakesATwin() throws Exception {
    String pgUrl = TestServices.get().newDatabase("email_forms");
    var jdbc = PgPools.jdbc(pgUrl);
    Flyway.configure(Migrations.class.getClassLoader()).dataSource(jdbc.url(), jdbc.user(), jdbc.password())
      .schemas("identity").defaultSchema("identity").createSchemas(true)
      .locations("classpath:db/kernel", "classpath:db/identity").table("flyway_history").outOfOrder(true)
      .target("4").load().migrate();
    var customers = new LinkedHashMap<String, UUID>();
    for (String email : new String[] {NFC_JOSE, NFD_JOSE, NFD_RENE, S_DOTS_1, S_DOTS_2, "plain@example.com"}) {
      customers.put(email, UUID.randomUUID());
    }
    UUID staff = UUID.randomUUID();
    try (var c = DriverManager.getConnection(jdbc.url(), jdbc.user(), jdbc.password())) {
      for (Map.Entry<String, UUID> e : customers.entrySet()) {
        try (var insert = c.prepareStatement("INSERT INTO identity.customer (id, email, name, password_hash) VALUES (?, ?, 'x', 'x')")) {
          insert.setObject(1, e.getValue());
          insert.setString(2, e.getKey());
          insert.executeUpdate();
        }
      }
      try (var insert = c.prepareStatement(
        "INSERT INTO identity.staff (id, email, name, password_hash, roles) VALUES (?, ?, 'x', 'x', '{admin}')")) {
        insert.setObject(1, staff);
        insert.setString(2, Normalizer.normalize("andré@example.com", Normalizer.Form.NFD));
        insert.executeUpdate();
      }
    }

    Migrations.migrateBlocking(pgUrl, "identity");

    try (var c = DriverManager.getConnection(jdbc.url(), jdbc.user(), jdbc.password())) {
      var read = c.prepareStatement("SELECT email FROM identity.customer WHERE id = ?");
      Map<String, String> expected = Map.of(
        NFC_JOSE, NFC_JOSE,
        NFD_JOSE, NFD_JOSE, // its NFC form is another account's: left as it was
        NFD_RENE, Normalizer.normalize(NFD_RENE, Normalizer.Form.NFC),
        S_DOTS_1, S_DOTS_1, // two spellings of one address: both left
        S_DOTS_2, S_DOTS_2,
        "plain@example.com", "plain@example.com");
      for (Map.Entry<String, UUID> e : customers.entrySet()) {
        read.setObject(1, e.getValue());
        try (var rows = read.executeQuery()) {
          rows.next();
          assertEquals(expected.get(e.getKey()), rows.getString(1), "customer stored as " + e.getKey());
        }
      }
      try (var rows = c.createStatement().executeQuery("SELECT email FROM identity.staff WHERE id = '" + staff + "'")) {
        rows.next();
        assertEquals(Normalizer.normalize("andré@example.com", Normalizer.Form.NFC), rows.getString(1));
      }
    }
  }
}

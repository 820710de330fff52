package io.kinetic.bench;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Writes one url file per scenario (format of {@link RequestLine}) from ids and slugs read straight
 * from PostgreSQL, so the load hits real, published rows. Exit 1 when there are no published products.
 */
public final class Targets {

  static final String GRAPHQL_QUERY =
      "query($s:String!){productBySlug(slug:$s){id name slug variants{sku prices{amount currency}}}}";
  private static final Pattern SCHEMA = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private Targets() {
  }

  public static void main(String[] argv) throws Exception {
    Args args;
    try {
      args = Args.parse(argv, Set.of("pg-url", "out", "schema", "limit"), Set.of());
      args.require("pg-url");
      args.require("out");
      if (!SCHEMA.matcher(args.get("schema", "catalog")).matches()) {
        throw new IllegalArgumentException("invalid --schema");
      }
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.println("usage: Targets --pg-url postgresql://user@host:port/db --out DIR [--schema catalog]");
      System.exit(2);
      return;
    }
    String schema = args.get("schema", "catalog");
    int limit = args.intValue("limit", 2000);
    Path out = Path.of(args.require("out"));
    Vertx vertx = Vertx.vertx();
    Pool pool = PgBuilder.pool().connectingTo(PgConnectOptions.fromUri(args.require("pg-url"))).using(vertx).build();
    List<String[]> products = new ArrayList<>();
    List<String> categories = new ArrayList<>();
    try {
      RowSet<Row> productRows = pool
          .query("SELECT id, slug FROM " + schema + ".product WHERE status = 'PUBLISHED' LIMIT " + limit)
          .execute().await(60, TimeUnit.SECONDS);
      productRows.forEach(row -> products.add(new String[] {row.getValue("id").toString(), row.getString("slug")}));
      pool.query("SELECT id FROM " + schema + ".category").execute().await(60, TimeUnit.SECONDS)
          .forEach(row -> categories.add(row.getValue("id").toString()));
    } finally {
      vertx.close().await(10, TimeUnit.SECONDS);
    }
    if (products.isEmpty()) {
      System.err.println("no PUBLISHED products in " + schema + ".product: seed first");
      System.exit(1);
    }
    Files.createDirectories(out);
    write(out, "product_by_id", products.stream().map(p -> "GET /api/v1/products/" + p[0]).toList());
    write(out, "baseline", products.stream().map(p -> "GET /baseline/products/" + p[0]).toList());
    write(out, "product_by_slug_graphql", products.stream()
        .filter(p -> p[1] != null && !p[1].isBlank()).map(p -> "POST /graphql " + graphqlBody(p[1])).toList());
    write(out, "product_list", List.of(
        "GET /api/v1/products?limit=20",
        "GET /api/v1/products?limit=20",
        "GET /api/v1/products?limit=20&sort=price_asc",
        "GET /api/v1/products?limit=20&sort=newest",
        "GET /api/v1/products?limit=20&sort=price_asc",
        "GET /api/v1/products?limit=20&sort=newest"));
    if (categories.isEmpty()) {
      // The script skips a scenario whose url file is missing rather than benchmarking nothing.
      Files.deleteIfExists(out.resolve("category_list.txt"));
      System.err.println("warning: no rows in " + schema + ".category, category_list not written");
    } else {
      write(out, "category_list", categories.stream()
          .map(c -> "GET /api/v1/products?category=" + URLEncoder.encode(c, StandardCharsets.UTF_8) + "&limit=20").toList());
    }
    System.out.printf("targets: %d products, %d categories -> %s%n", products.size(), categories.size(), out);
  }

  static String graphqlBody(String slug) {
    return new JsonObject().put("query", GRAPHQL_QUERY).put("variables", new JsonObject().put("s", slug)).encode();
  }

  private static void write(Path dir, String scenario, List<String> lines) throws Exception {
    Files.write(dir.resolve(scenario + ".txt"), lines, StandardCharsets.UTF_8);
  }
}

package io.kinetic.catalog.seed;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;

/**
 * A sample of the published variants with a price in a currency, for generating an order history
 * ({@code seed --orders}): {@code [{"v": variant id, "p": product id, "s": sku, "a": price in minor
 * units, "n": product name, "slug": product slug}]}, at most {@code limit}, spread over the catalogue.
 */
public final class SaleableVariants {

  private static final String SAMPLE = """
    SELECT coalesce(jsonb_agg(jsonb_build_object('v', x.id, 'p', x.product_id, 's', x.sku, 'a', x.amount, 'n', x.name,
                                                  'slug', x.slug)), '[]'::jsonb)::text AS sample
    FROM (
      SELECT v.id, v.product_id, v.sku, vp.amount, p.slug,
             coalesce(p.translations->p.default_locale->>'name', p.slug) AS name
      FROM variant v
      JOIN product p ON p.id = v.product_id AND p.status = 'PUBLISHED'
      JOIN variant_price vp ON vp.variant_id = v.id AND vp.currency = $1
      ORDER BY md5(v.id::text) LIMIT $2) x
    """;

  private SaleableVariants() {
  }

  public static Future<JsonArray> sample(Pool pool, String currency, int limit) {
    return pool.preparedQuery(SAMPLE).execute(Tuple.of(currency, limit))
      .map(rows -> new JsonArray(rows.iterator().next().getString("sample")));
  }
}

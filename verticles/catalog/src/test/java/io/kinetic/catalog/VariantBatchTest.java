package io.kinetic.catalog;

import static io.kinetic.catalog.Inputs.product;
import static io.kinetic.catalog.Inputs.variant;
import static io.kinetic.catalog.Inputs.withVariants;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.kinetic.kernel.contract.catalog.CatalogApi;
import io.kinetic.kernel.contract.catalog.CreateProduct;
import io.kinetic.kernel.contract.catalog.GetVariants;
import io.kinetic.kernel.contract.catalog.Product;
import io.kinetic.kernel.contract.catalog.ProductStatus;
import io.kinetic.kernel.contract.catalog.SetStock;
import io.kinetic.kernel.contract.catalog.VariantInput;
import io.kinetic.kernel.contract.catalog.VariantList;
import io.kinetic.kernel.contract.catalog.VariantSummary;
import io.kinetic.kernel.error.ErrorCode;
import io.kinetic.kernel.id.Ids;
import io.kinetic.kernel.money.Money;
import io.vertx.sqlclient.Tuple;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** {@code catalog.get-variants}: the lines of a cart in one request, with price and stock, from the cache. */
class VariantBatchTest {

  private final CatalogFixture f = CatalogFixture.get();
  private final String u = CatalogFixture.unique();

  @Test
  void variantsByIdAndSkuComeBackInRequestOrderWithPriceAndStock() {
    Product mug = f.call(CatalogApi.CREATE_PRODUCT, new CreateProduct(withVariants(product("vb-mug-" + u, "Mug", "Becher", List.of()),
      List.of(new VariantInput("VBM1-" + u, Map.of("size", "S"), List.of(Money.of(500, "EUR"), Money.of(600, "USD")), 3),
        variant("VBM2-" + u, 700, 0)))));
    Product cap = f.call(CatalogApi.CREATE_PRODUCT, new CreateProduct(product("vb-cap-" + u, List.of(variant("VBC-" + u, 900, 5)))));
    UUID unknown = Ids.newId();

    VariantList list = f.call(CatalogApi.GET_VARIANTS, new GetVariants(List.of(mug.variants().get(0).id(), unknown),
      List.of("VBC-" + u, "NOPE-" + u, "VBM1-" + u), "USD", "de"));
    assertEquals(List.of("VBM1-" + u, "VBC-" + u), list.items().stream().map(VariantSummary::sku).toList(),
      "request order, a variant asked for twice listed once");
    assertEquals(List.of(unknown), list.missingIds());
    assertEquals(List.of("NOPE-" + u), list.missingSkus());
    VariantSummary first = list.items().get(0);
    assertEquals(mug.id(), first.productId());
    assertEquals("vb-mug-" + u, first.productSlug());
    assertEquals("Becher", first.productName());
    assertEquals(ProductStatus.PUBLISHED, first.status());
    assertEquals(Map.of("size", "S"), first.options());
    assertEquals(mug.media().get(0), first.image());
    assertEquals(Money.of(600, "USD"), first.price());
    assertEquals(3, first.onHand());
    assertEquals(cap.id(), list.items().get(1).productId());
    assertNull(list.items().get(1).price(), "no price in USD");

    f.call(CatalogApi.SET_STOCK, new SetStock("VBM1-" + u, 9));
    assertEquals(9, onHand("VBM1-" + u), "a stock write is seen by the next read");
  }

  @Test
  void repeatedReadsAreServedFromTheCache() {
    f.call(CatalogApi.CREATE_PRODUCT, new CreateProduct(product("vb-hot-" + u, List.of(variant("VBH-" + u, 100, 4)))));
    assertEquals(4, onHand("VBH-" + u));
    CatalogFixture.await(f.sql.preparedQuery("UPDATE variant SET stock_on_hand = 1 WHERE sku = $1").execute(Tuple.of("VBH-" + u)));
    assertEquals(4, onHand("VBH-" + u), "no database read: the change behind the service's back is not seen");
  }

  @Test
  void refusesOversizedRequestsAndUnknownCurrencies() {
    List<UUID> ids = Collections.nCopies(VariantQueries.MAX_ITEMS + 1, Ids.newId());
    f.fails(ErrorCode.VALIDATION_FAILED, CatalogApi.GET_VARIANTS, new GetVariants(ids, null, "EUR", "en"));
    f.fails(ErrorCode.VALIDATION_FAILED, CatalogApi.GET_VARIANTS, new GetVariants(null, List.of("X-" + u), "EURO", "en"));
    VariantList none = f.call(CatalogApi.GET_VARIANTS, new GetVariants(null, null, null, null));
    assertEquals(List.of(), none.items());
  }

  private int onHand(String sku) {
    VariantList list = f.call(CatalogApi.GET_VARIANTS, new GetVariants(null, List.of(sku), "EUR", "en"));
    return list.items().get(0).onHand();
  }
}

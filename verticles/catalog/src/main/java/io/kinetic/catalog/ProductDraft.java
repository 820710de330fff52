package io.kinetic.catalog;

import io.kinetic.kernel.contract.catalog.ProductInput;
import io.kinetic.kernel.id.Ids;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** A validated product about to be inserted, with its id, its variants' ids and its creation time. */
public record ProductDraft(UUID id, ProductInput input, List<UUID> variantIds, OffsetDateTime createdAt) {

  /** A new product created now, with fresh time-ordered ids. */
  public static ProductDraft of(ProductInput input) {
    var variantIds = new ArrayList<UUID>(input.variants().size());
    input.variants().forEach(v -> variantIds.add(Ids.newId()));
    return new ProductDraft(Ids.newId(), input, variantIds,
      OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS));
  }
}

package io.kinetic.catalog;

import io.kinetic.kernel.bus.Caller;
import io.kinetic.catalog.ProductRepository.VariantRef;
import io.kinetic.kernel.contract.catalog.AddVariant;
import io.kinetic.kernel.contract.catalog.PriceChanged;
import io.kinetic.kernel.contract.catalog.Product;
import io.kinetic.kernel.contract.catalog.ProductUpdated;
import io.kinetic.kernel.contract.catalog.RemoveVariant;
import io.kinetic.kernel.contract.catalog.SetPrice;
import io.kinetic.kernel.contract.catalog.SetStock;
import io.kinetic.kernel.contract.catalog.StockChanged;
import io.kinetic.kernel.error.ErrorCode;
import io.kinetic.kernel.error.Failure;
import io.kinetic.kernel.id.Ids;
import io.kinetic.kernel.outbox.DomainEvent;
import io.kinetic.kernel.outbox.Outbox;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Variant-level writes: add and remove variants, set a price, set stock. Each bumps the product's
 * version in the same transaction as its change and its event (ProductUpdated, PriceChanged or
 * StockChanged) and replies with the whole product.
 */
final class VariantService {

  private final Pool pool;
  private final AfterCommit afterCommit;
  private final List<String> currencies;

  /** {@code currencies}: the ones the shop sells ({@code cart.currencies}), the only ones a price may be set in. */
  VariantService(Pool pool, AfterCommit afterCommit, List<String> currencies) {
    this.pool = pool;
    this.afterCommit = afterCommit;
    this.currencies = List.copyOf(currencies);
  }

  Future<Product> add(AddVariant command, Caller caller) {
    var errors = new FieldErrors();
    if (command.productId() == null) {
      errors.add("productId", "must not be null");
    }
    ProductValidator.variant(errors, "", command.variant(), new HashSet<>(), ProductValidator.Prices.sold(currencies));
    if (!errors.isEmpty()) {
      return Future.failedFuture(Failure.invalid(errors.list()));
    }
    return write(AfterCommit::productChanged, tx -> ProductRepository.touch(tx, command.productId()).compose(product -> {
      if (product == null) {
        return Future.failedFuture(ErrorCode.PRODUCT_NOT_FOUND.failure("no product " + command.productId()));
      }
      var event = new ProductUpdated(Ids.newId(), Instant.now(), command.productId(), product.slug(), product.slug(),
        product.version());
      return ProductRepository.addVariant(tx, command.productId(), command.variant())
        .compose(v -> Outbox.append(tx, event, caller))
        .compose(v -> ProductService.loadOne(tx, command.productId()));
    }));
  }

  /**
   * Fails VARIANT_NOT_FOUND, or VALIDATION_FAILED for the last variant of a product. The variants
   * are counted after the product is locked, so two removals cannot take the last two together.
   */
  Future<Product> remove(RemoveVariant command, Caller caller) {
    return onVariant(command.sku(), AfterCommit::productChanged, (tx, found) -> ProductRepository.lock(tx, found.productId()).compose(locked -> {
      UUID id = locked == null ? null : locked.variants().get(found.sku());
      if (id == null) {
        return Future.failedFuture(ErrorCode.VARIANT_NOT_FOUND.failure("no variant " + found.sku()));
      }
      if (locked.variants().size() <= 1) {
        return Future.failedFuture(Failure.invalid("sku", "a product needs at least one variant"));
      }
      var variant = new VariantRef(id, found.productId(), found.sku());
      return ProductRepository.deleteVariant(tx, variant)
        .compose(v -> touched(tx, variant))
        .compose(product -> Outbox.append(tx, new ProductUpdated(Ids.newId(), Instant.now(), variant.productId(),
          product.slug(), product.slug(), product.version()), caller));
    }));
  }

  Future<Product> setPrice(SetPrice command, Caller caller) {
    if (command.price() == null) {
      return Future.failedFuture(Failure.invalid("price", "must not be null"));
    }
    var errors = new FieldErrors();
    ProductValidator.amount(errors, "amount", command.price().amount());
    var sold = ProductValidator.Prices.sold(currencies);
    if (!sold.allows(null, command.price())) {
      errors.add("currency", sold.refusal(command.price().currency()));
    }
    if (!errors.isEmpty()) {
      return Future.failedFuture(Failure.invalid(errors.list()));
    }
    String currency = command.price().currency();
    return onVariant(command.sku(), (after, product) -> after.priceChanged(product, currency), (tx, variant) -> touched(tx, variant)
      .compose(product -> ProductRepository.setPrice(tx, variant, command.price())
        .compose(v -> Outbox.append(tx, new PriceChanged(Ids.newId(), Instant.now(), variant.productId(), variant.id(),
          variant.sku(), command.price(), product.version()), caller))));
  }

  Future<Product> setStock(SetStock command, Caller caller) {
    if (command.onHand() < 0) {
      return Future.failedFuture(Failure.invalid("onHand", "must be 0 or more"));
    }
    return onVariant(command.sku(), AfterCommit::stockChanged, (tx, variant) -> touched(tx, variant)
      .compose(product -> ProductRepository.setStock(tx, variant, command.onHand())
        .compose(seq -> seq != null
          ? Outbox.append(tx, stockChanged(variant, command.onHand(), product.version(), seq), caller)
          : Future.failedFuture(ErrorCode.VARIANT_NOT_FOUND.failure("no variant " + variant.sku())))));
  }

  private static DomainEvent stockChanged(VariantRef variant, int onHand, long version, long stockSeq) {
    return new StockChanged(Ids.newId(), Instant.now(), variant.productId(), variant.id(), variant.sku(), onHand, version, stockSeq);
  }

  /** Finds the variant by SKU, runs {@code change}, replies with the product as committed. */
  private Future<Product> onVariant(String sku, BiConsumer<AfterCommit, Product> committed,
                                    BiFunction<SqlConnection, VariantRef, Future<Void>> change) {
    if (sku == null || sku.isBlank()) {
      return Future.failedFuture(Failure.invalid("sku", "must not be blank"));
    }
    if (!ProductValidator.SKU.matcher(sku).matches()) {
      return Future.failedFuture(ErrorCode.VARIANT_NOT_FOUND.failure("no variant has this SKU"));
    }
    return write(committed, tx -> ProductRepository.variant(tx, sku).compose(variant -> {
      if (variant == null) {
        return Future.failedFuture(ErrorCode.VARIANT_NOT_FOUND.failure("no variant " + sku));
      }
      return change.apply(tx, variant).compose(v -> ProductService.loadOne(tx, variant.productId()));
    }));
  }

  /** Bumps the version of the variant's product; VARIANT_NOT_FOUND when the product went away meanwhile. */
  private static Future<ProductRepository.Locked> touched(SqlConnection tx, VariantRef variant) {
    return ProductRepository.touch(tx, variant.productId()).compose(product -> product == null
      ? Future.failedFuture(ErrorCode.VARIANT_NOT_FOUND.failure("no variant " + variant.sku()))
      : Future.succeededFuture(product));
  }

  /** Runs {@code work} in a transaction, then tells {@code committed} the product as committed. */
  private Future<Product> write(BiConsumer<AfterCommit, Product> committed, Function<SqlConnection, Future<Product>> work) {
    return pool.withTransaction(work).map(product -> {
      committed.accept(afterCommit, product);
      return product;
    });
  }
}

package io.kinetic.media;

import io.kinetic.kernel.config.AppConfig;
import io.kinetic.kernel.contract.ContextModule;
import io.kinetic.kernel.contract.Contract;
import io.kinetic.kernel.contract.media.MediaApi;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * The media context: product images uploaded by staff, checked (type by content, size,
 * dimensions), resized to the storefront's sizes and written under content-hashed names into
 * {@code media.directory}. No schema (the files are its state; the product's media list, in the
 * catalog, holds their addresses), no events; one {@link MediaVerticle} per node.
 */
public final class MediaModule implements ContextModule {

  @Override
  public Contract contract() {
    return MediaApi.CONTRACT;
  }

  @Override
  public boolean ownsSchema() {
    return false;
  }

  @Override
  public Future<String> deployVerticles(Vertx vertx, AppConfig config) {
    return vertx.deployVerticle(new MediaVerticle(config.media()));
  }
}

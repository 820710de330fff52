package io.kinetic.kernel.contract.catalog;

import io.kinetic.kernel.bus.Endpoint;
import io.kinetic.kernel.contract.Contract;
import io.kinetic.kernel.contract.Deleted;
import io.kinetic.kernel.outbox.EventTypes;

/**
 * The catalog's bus contract: every endpoint with its request and reply type, and its events
 * ({@link CatalogEvent}, published on {@code catalog.events.<past-tense>} and kept in its event log).
 * The catalog runs on every node, so requests stay on the caller's node.
 */
public final class CatalogApi {

  public static final Endpoint<GetProduct, ProductView> GET_PRODUCT =
    Endpoint.local("catalog.get-product", GetProduct.class, ProductView.class);
  public static final Endpoint<GetProductBySlug, ProductView> GET_PRODUCT_BY_SLUG =
    Endpoint.local("catalog.get-product-by-slug", GetProductBySlug.class, ProductView.class);
  public static final Endpoint<GetAdminProduct, Product> GET_ADMIN_PRODUCT =
    Endpoint.local("catalog.get-admin-product", GetAdminProduct.class, Product.class);
  public static final Endpoint<GetVariants, VariantList> GET_VARIANTS =
    Endpoint.local("catalog.get-variants", GetVariants.class, VariantList.class);
  /** Published products only. */
  public static final Endpoint<ListProducts, ProductPage> LIST_PRODUCTS =
    Endpoint.local("catalog.list-products", ListProducts.class, ProductPage.class);
  /** Every product, drafts too, with every translation, filtered by {@code status} when given. */
  public static final Endpoint<ListProducts, AdminProductPage> LIST_ADMIN_PRODUCTS =
    Endpoint.local("catalog.list-admin-products", ListProducts.class, AdminProductPage.class);
  public static final Endpoint<CreateProduct, Product> CREATE_PRODUCT =
    Endpoint.local("catalog.create-product", CreateProduct.class, Product.class);
  public static final Endpoint<UpdateProduct, Product> UPDATE_PRODUCT =
    Endpoint.local("catalog.update-product", UpdateProduct.class, Product.class);
  public static final Endpoint<DeleteProduct, Deleted> DELETE_PRODUCT =
    Endpoint.local("catalog.delete-product", DeleteProduct.class, Deleted.class);
  public static final Endpoint<AddVariant, Product> ADD_VARIANT =
    Endpoint.local("catalog.add-variant", AddVariant.class, Product.class);
  public static final Endpoint<RemoveVariant, Product> REMOVE_VARIANT =
    Endpoint.local("catalog.remove-variant", RemoveVariant.class, Product.class);
  public static final Endpoint<SetPrice, Product> SET_PRICE =
    Endpoint.local("catalog.set-price", SetPrice.class, Product.class);
  public static final Endpoint<SetStock, Product> SET_STOCK =
    Endpoint.local("catalog.set-stock", SetStock.class, Product.class);
  public static final Endpoint<AllocateStock, StockAllocation> ALLOCATE_STOCK =
    Endpoint.local("catalog.allocate-stock", AllocateStock.class, StockAllocation.class);
  public static final Endpoint<ReleaseStock, StockAllocation> RELEASE_STOCK =
    Endpoint.local("catalog.release-stock", ReleaseStock.class, StockAllocation.class);
  public static final Endpoint<ShipStock, StockAllocation> SHIP_STOCK =
    Endpoint.local("catalog.ship-stock", ShipStock.class, StockAllocation.class);
  public static final Endpoint<ReleaseUnits, StockAllocation> RELEASE_UNITS =
    Endpoint.local("catalog.release-units", ReleaseUnits.class, StockAllocation.class);
  public static final Endpoint<RestockReturn, StockAllocation> RESTOCK_RETURN =
    Endpoint.local("catalog.restock-return", RestockReturn.class, StockAllocation.class);
  public static final Endpoint<ListCategories, CategoryList> LIST_CATEGORIES =
    Endpoint.local("catalog.list-categories", ListCategories.class, CategoryList.class);
  public static final Endpoint<SaveCategory, Category> SAVE_CATEGORY =
    Endpoint.local("catalog.save-category", SaveCategory.class, Category.class);
  public static final Endpoint<DeleteCategory, Deleted> DELETE_CATEGORY =
    Endpoint.local("catalog.delete-category", DeleteCategory.class, Deleted.class);
  public static final Endpoint<ListAttributes, AttributeList> LIST_ATTRIBUTES =
    Endpoint.local("catalog.list-attributes", ListAttributes.class, AttributeList.class);
  public static final Endpoint<DefineAttribute, Attribute> DEFINE_ATTRIBUTE =
    Endpoint.local("catalog.define-attribute", DefineAttribute.class, Attribute.class);
  public static final Endpoint<DeleteAttribute, Deleted> DELETE_ATTRIBUTE =
    Endpoint.local("catalog.delete-attribute", DeleteAttribute.class, Deleted.class);
  public static final Endpoint<ExportProducts, ProductExport> EXPORT_PRODUCTS =
    Endpoint.local("catalog.export-products", ExportProducts.class, ProductExport.class);

  public static final Contract CONTRACT = Contract.of("catalog", CatalogEvent.class,
    GET_PRODUCT, GET_PRODUCT_BY_SLUG, GET_ADMIN_PRODUCT, GET_VARIANTS, LIST_PRODUCTS, LIST_ADMIN_PRODUCTS,
    CREATE_PRODUCT, UPDATE_PRODUCT, DELETE_PRODUCT, ADD_VARIANT, REMOVE_VARIANT, SET_PRICE, SET_STOCK,
    ALLOCATE_STOCK, RELEASE_STOCK, SHIP_STOCK, RELEASE_UNITS, RESTOCK_RETURN,
    LIST_CATEGORIES, SAVE_CATEGORY, DELETE_CATEGORY, LIST_ATTRIBUTES, DEFINE_ATTRIBUTE, DELETE_ATTRIBUTE,
    EXPORT_PRODUCTS);

  /** Where each catalog event is published (from its {@code @EventName}), for in-memory listeners. */
  public static final class Events {
    public static final String PRODUCT_CREATED = EventTypes.address(ProductCreated.class);
    public static final String PRODUCT_UPDATED = EventTypes.address(ProductUpdated.class);
    public static final String PRODUCT_DELETED = EventTypes.address(ProductDeleted.class);
    public static final String STOCK_CHANGED = EventTypes.address(StockChanged.class);
    public static final String PRICE_CHANGED = EventTypes.address(PriceChanged.class);
    public static final String CATEGORY_CHANGED = EventTypes.address(CategoryChanged.class);
    public static final String ATTRIBUTE_CHANGED = EventTypes.address(AttributeChanged.class);
    public static final String AVAILABILITY_CHANGED = EventTypes.address(AvailabilityChanged.class);
    public static final String AVAILABILITIES_CHANGED = EventTypes.address(AvailabilitiesChanged.class);

    private Events() {
    }
  }

  private CatalogApi() {
  }
}

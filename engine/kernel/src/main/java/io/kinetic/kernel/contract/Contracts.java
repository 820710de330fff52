package io.kinetic.kernel.contract;

import io.kinetic.kernel.bus.Addresses;
import io.kinetic.kernel.bus.RecordCodec;
import io.kinetic.kernel.contract.catalog.*;
import io.kinetic.kernel.contract.identity.*;
import io.kinetic.kernel.outbox.DomainEvent;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.Map;

/**
 * The list of every message record that travels on the event bus, and where each domain event is
 * published. {@link #register(Vertx)} must run once per Vert.x instance (on every cluster node)
 * before any verticle is deployed.
 */
public final class Contracts {

  /** Events by their stable type name (the simple class name) with the address they go to. */
  public static final Map<String, EventType> EVENTS = Map.of(
    "ProductCreated", new EventType(ProductCreated.class, Addresses.Catalog.PRODUCT_CREATED),
    "ProductUpdated", new EventType(ProductUpdated.class, Addresses.Catalog.PRODUCT_UPDATED),
    "ProductDeleted", new EventType(ProductDeleted.class, Addresses.Catalog.PRODUCT_DELETED),
    "StockChanged", new EventType(StockChanged.class, Addresses.Catalog.STOCK_CHANGED),
    "PriceChanged", new EventType(PriceChanged.class, Addresses.Catalog.PRICE_CHANGED),
    "CategoryChanged", new EventType(CategoryChanged.class, Addresses.Catalog.CATEGORY_CHANGED),
    "AttributeChanged", new EventType(AttributeChanged.class, Addresses.Catalog.ATTRIBUTE_CHANGED));

  private static final List<Class<?>> MESSAGES = List.of(
    Deleted.class,
    // catalog
    GetProduct.class, GetProductBySlug.class, GetAdminProduct.class, ListProducts.class,
    ProductView.class, Product.class, ProductPage.class, AdminProductPage.class,
    CreateProduct.class, UpdateProduct.class, DeleteProduct.class, AddVariant.class, RemoveVariant.class,
    SetPrice.class, SetStock.class,
    ListCategories.class, CategoryList.class, Category.class, SaveCategory.class, DeleteCategory.class,
    ListAttributes.class, AttributeList.class, Attribute.class, DefineAttribute.class, DeleteAttribute.class,
    // identity
    RegisterCustomer.class, Login.class, RefreshTokens.class, Logout.class, Tokens.class,
    GetCustomer.class, CustomerView.class, GetStaff.class, StaffView.class, CreateStaff.class,
    InviteStaff.class, StaffInvited.class, ListStaff.class, StaffList.class, SetStaffRoles.class,
    DeactivateStaff.class, ReactivateStaff.class, ListAuditLog.class, AuditPage.class, AuditEntry.class,
    ListStaffSessions.class, StaffSessions.class, StaffAccessChanged.class);

  private Contracts() {
  }

  /** Registers the record codecs; safe to call more than once per Vert.x instance. */
  public static void register(Vertx vertx) {
    var bus = vertx.eventBus();
    for (Class<?> type : MESSAGES) {
      registerOne(bus, type);
    }
    for (EventType e : EVENTS.values()) {
      registerOne(bus, e.type());
    }
  }

  /** The type name an event is stored and published under. */
  public static String typeName(DomainEvent event) {
    return event.getClass().getSimpleName();
  }

  public static EventType eventType(String name) {
    EventType type = EVENTS.get(name);
    if (type == null) {
      throw new IllegalArgumentException("unknown event type " + name);
    }
    return type;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static void registerOne(io.vertx.core.eventbus.EventBus bus, Class<?> type) {
    try {
      bus.registerDefaultCodec((Class) type, new RecordCodec(type));
    } catch (IllegalStateException alreadyRegistered) {
      // a second call on the same Vert.x instance (tests) keeps the first registration
    }
  }

  /** An event class and the address it is published on. */
  public record EventType(Class<? extends DomainEvent> type, String address) {
  }
}

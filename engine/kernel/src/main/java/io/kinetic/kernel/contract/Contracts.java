package io.kinetic.kernel.contract;

import io.kinetic.kernel.bus.RecordCodec;
import io.kinetic.kernel.contract.catalog.*;
import io.kinetic.kernel.contract.identity.*;
import io.kinetic.kernel.contract.log.*;
import io.kinetic.kernel.outbox.DomainEvent;
import io.kinetic.kernel.outbox.EventTypes;
import io.vertx.core.Vertx;
import java.util.List;

/**
 * The list of every message record that travels on the event bus, and where each domain event is
 * published. {@link #register(Vertx)} must run once per Vert.x instance (on every cluster node)
 * before any verticle is deployed.
 */
public final class Contracts {

  private static final List<Class<?>> MESSAGES = List.of(
    Deleted.class,
    // catalog
    GetProduct.class, GetProductBySlug.class, GetAdminProduct.class, ListProducts.class,
    ProductView.class, Product.class, ProductPage.class, AdminProductPage.class,
    GetVariants.class, VariantList.class, VariantSummary.class,
    CreateProduct.class, UpdateProduct.class, DeleteProduct.class, AddVariant.class, RemoveVariant.class,
    SetPrice.class, SetStock.class,
    ListCategories.class, CategoryList.class, Category.class, SaveCategory.class, DeleteCategory.class,
    ListAttributes.class, AttributeList.class, Attribute.class, DefineAttribute.class, DeleteAttribute.class,
    ExportProducts.class, ProductExport.class,
    // identity
    RegisterCustomer.class, Login.class, RefreshTokens.class, Logout.class, Tokens.class,
    GetCustomer.class, CustomerView.class, GetStaff.class, StaffView.class, CreateStaff.class,
    InviteStaff.class, StaffInvited.class, ListStaff.class, StaffList.class, SetStaffRoles.class,
    DeactivateStaff.class, ReactivateStaff.class, ListAuditLog.class, AuditPage.class, AuditEntry.class,
    ListStaffSessions.class, StaffSessions.class, StaffAccessChanged.class,
    // event logs
    ReadLog.class, LogBatch.class, LogAppended.class, GetLogStatus.class, LogStatus.class, ForgetReader.class);

  /** The event families, each a sealed interface whose records are discovered. */
  private static final List<Class<? extends DomainEvent>> EVENT_FAMILIES = List.of(CatalogEvent.class);

  private Contracts() {
  }

  /** Registers the record codecs; safe to call more than once per Vert.x instance. */
  public static void register(Vertx vertx) {
    var bus = vertx.eventBus();
    for (Class<?> type : MESSAGES) {
      registerOne(bus, type);
    }
    for (Class<? extends DomainEvent> family : EVENT_FAMILIES) {
      for (Class<?> event : EventTypes.registerFamily(family)) {
        registerOne(bus, event);
      }
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static void registerOne(io.vertx.core.eventbus.EventBus bus, Class<?> type) {
    try {
      bus.registerDefaultCodec((Class) type, new RecordCodec(type));
    } catch (IllegalStateException alreadyRegistered) {
      // a second call on the same Vert.x instance (tests) keeps the first registration
    }
  }

}

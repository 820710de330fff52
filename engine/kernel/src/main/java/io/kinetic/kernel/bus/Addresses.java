package io.kinetic.kernel.bus;

/**
 * Every event-bus address: {@code <context>.<verb>} for request-reply,
 * {@code <context>.events.<past-tense>} for published events.
 */
public final class Addresses {

  private Addresses() {
  }

  /** Catalog: products, variants, prices, stock, categories, attributes. */
  public static final class Catalog {
    public static final String GET_PRODUCT = "catalog.get-product";
    public static final String GET_PRODUCT_BY_SLUG = "catalog.get-product-by-slug";
    public static final String GET_ADMIN_PRODUCT = "catalog.get-admin-product";
    /** Variants by ids and/or SKUs with price and stock, for the cart and checkout. */
    public static final String GET_VARIANTS = "catalog.get-variants";
    public static final String LIST_PRODUCTS = "catalog.list-products";
    public static final String CREATE_PRODUCT = "catalog.create-product";
    public static final String UPDATE_PRODUCT = "catalog.update-product";
    public static final String DELETE_PRODUCT = "catalog.delete-product";
    public static final String ADD_VARIANT = "catalog.add-variant";
    public static final String REMOVE_VARIANT = "catalog.remove-variant";
    public static final String SET_PRICE = "catalog.set-price";
    public static final String SET_STOCK = "catalog.set-stock";
    public static final String LIST_CATEGORIES = "catalog.list-categories";
    public static final String SAVE_CATEGORY = "catalog.save-category";
    public static final String DELETE_CATEGORY = "catalog.delete-category";
    public static final String LIST_ATTRIBUTES = "catalog.list-attributes";
    public static final String DEFINE_ATTRIBUTE = "catalog.define-attribute";
    public static final String DELETE_ATTRIBUTE = "catalog.delete-attribute";
    public static final String EXPORT_PRODUCTS = "catalog.export-products";

    public static final String PRODUCT_CREATED = "catalog.events.product-created";
    public static final String PRODUCT_UPDATED = "catalog.events.product-updated";
    public static final String PRODUCT_DELETED = "catalog.events.product-deleted";
    public static final String STOCK_CHANGED = "catalog.events.stock-changed";
    public static final String PRICE_CHANGED = "catalog.events.price-changed";
    public static final String CATEGORY_CHANGED = "catalog.events.category-changed";
    public static final String ATTRIBUTE_CHANGED = "catalog.events.attribute-changed";

    private Catalog() {
    }
  }

  /**
   * A context's event log, served by its {@code EventLogVerticle}: consumers read it with
   * {@code ReadLog}, operators ask for its status, and each append is announced on {@link #appended}.
   */
  public static final class Log {
    private Log() {
    }

    public static String read(String source) {
      return source + ".log.read";
    }

    public static String status(String source) {
      return source + ".log.status";
    }

    public static String forget(String source) {
      return source + ".log.forget";
    }

    public static String appended(String source) {
      return source + ".log.appended";
    }
  }

  /** Identity: customers, staff, tokens. */
  public static final class Identity {
    public static final String REGISTER_CUSTOMER = "identity.register-customer";
    public static final String LOGIN = "identity.login";
    public static final String REFRESH = "identity.refresh";
    public static final String LOGOUT = "identity.logout";
    public static final String GET_CUSTOMER = "identity.get-customer";
    public static final String GET_STAFF = "identity.get-staff";
    public static final String CREATE_STAFF = "identity.create-staff";
    public static final String INVITE_STAFF = "identity.invite-staff";
    public static final String LIST_STAFF = "identity.list-staff";
    public static final String SET_STAFF_ROLES = "identity.set-staff-roles";
    public static final String DEACTIVATE_STAFF = "identity.deactivate-staff";
    public static final String REACTIVATE_STAFF = "identity.reactivate-staff";
    public static final String LIST_AUDIT_LOG = "identity.list-audit-log";
    public static final String LIST_STAFF_SESSIONS = "identity.list-staff-sessions";

    public static final String STAFF_ACCESS_CHANGED = "identity.events.staff-access-changed";

    private Identity() {
    }
  }
}

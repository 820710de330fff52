package io.kinetic.kernel.config;

import io.kinetic.kernel.net.IpRange;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * The whole configuration, loaded once at start by {@link ConfigLoader} and validated: a bad value
 * throws {@link ConfigException} naming the key. {@code raw} keeps the merged JSON so verticles can
 * be deployed with it (and rebuild this record with {@link #from(JsonObject)}).
 */
public record AppConfig(
  String profile,
  Http http,
  Pg pg,
  RedisSettings redis,
  Embedded embedded,
  Bus bus,
  Auth auth,
  Catalog catalog,
  Cart cart,
  Checkout checkout,
  Stripe stripe,
  GraphQl graphql,
  Idempotency idempotency,
  Outbox outbox,
  Mail mail,
  Media media,
  Cluster cluster,
  Shutdown shutdown,
  OpenSearch opensearch,
  JsonObject raw) {

  /**
   * {@code trustedProxies}: the peers whose {@code clientIpHeader} ({@value #X_FORWARDED_FOR} or
   * {@value #FORWARDED}) is believed about the client's address; empty: none, the TCP peer is the client.
   * {@code metricsToken} comes only from the environment (COMMERCE_HTTP_METRICS_TOKEN); empty: none.
   */
  public record Http(String host, int port, int instances, int maxBodyBytes, boolean metrics,
                     List<IpRange> trustedProxies, String clientIpHeader, String metricsToken, boolean busMetrics) {
    public static final String X_FORWARDED_FOR = "X-Forwarded-For";
    public static final String FORWARDED = "Forwarded";
  }

  /** {@code url} empty: the embedded PostgreSQL is started. */
  public record Pg(String url, int poolSize) {
    public boolean configured() {
      return !url.isEmpty();
    }
  }

  /** {@code url} empty: the embedded Redis is started. */
  public record RedisSettings(String url, int poolSize) {
    public boolean configured() {
      return !url.isEmpty();
    }
  }

  /** Ports of the embedded servers; 0 picks a free one (the URLs are written to {@code runtime.json}). */
  public record Embedded(String dataDir, int pgPort, int redisPort) {
  }

  /**
   * Request timeout; {@code preferLocal}: requests go to this node's consumers and cross to another
   * node only when there is none here, then with {@code remoteTimeoutMillis} (see BusClient).
   */
  public record Bus(long timeoutMillis, boolean preferLocal, long remoteTimeoutMillis) {
  }

  /**
   * {@code jwtSecret} comes only from the environment (COMMERCE_JWT_SECRET) or the data directory.
   * {@code hashWorkers}: threads of the password-hashing pool (0: one per core).
   * Failed logins in {@code loginWindowSeconds}: at most {@code loginMaxFailures} per e-mail and client
   * IP, {@code loginMaxFailuresPerIp} per client IP (all e-mails), and {@code loginMaxFailuresPerEmail}
   * per e-mail (all client IPs: the global ceiling against distributed guessing).
   * {@code registerMaxPerIp} registrations per client IP in {@code registerWindowSeconds}.
   * {@code staffRevocationPollMillis}: how often each gateway re-reads the staff session versions.
   * {@code resetTtlSeconds}: how long a password-reset link is valid; at most {@code resetMaxPerWindow}
   * reset requests per e-mail address and per client IP (and as many reset attempts per client IP)
   * in {@code resetWindowSeconds}. {@code refreshReuseGraceSeconds}: how long after its rotation a refresh
   * token presented again (a second tab, a retry after a lost answer) still yields a session in its family
   * instead of counting as theft (0: never).
   */
  public record Auth(String issuer, long accessTtlSeconds, long refreshTtlSeconds, int passwordIterations,
                     int loginMaxFailures, long loginWindowSeconds, int loginMaxFailuresPerIp, int loginMaxFailuresPerEmail,
                     String jwtSecret, int hashWorkers,
                     int registerMaxPerIp, long registerWindowSeconds, long staffRevocationPollMillis,
                     long resetTtlSeconds, int resetMaxPerWindow, long resetWindowSeconds, long refreshReuseGraceSeconds) {
  }

  /** {@code cacheTtlSeconds}: the longest a cached product, list page or category snapshot is served unchecked. */
  public record Catalog(int instances, int cacheSize, int cacheTtlSeconds, int seedProducts, String defaultLocale,
                        String defaultCurrency, int lowStockThreshold) {

    /** Without a threshold of its own: {@link io.kinetic.kernel.contract.catalog.ProductCard#LOW_STOCK}. */
    public Catalog(int instances, int cacheSize, int cacheTtlSeconds, int seedProducts, String defaultLocale, String defaultCurrency) {
      this(instances, cacheSize, cacheTtlSeconds, seedProducts, defaultLocale, defaultCurrency,
        (int) io.kinetic.kernel.contract.catalog.ProductCard.LOW_STOCK);
    }
  }

  /**
   * Carts: how long a cart lives after its last activity ({@code guestTtlDays}, {@code customerTtlDays}),
   * how long added stock stays reserved after the cart's last change ({@code reservationSeconds}),
   * the most units of one variant in a cart ({@code maxLineQuantity}) and the most lines
   * ({@code maxLines}), the currencies a cart may be in ({@code currencies}, the catalogue's default
   * one included), the most wishlist items per customer ({@code maxWishlistItems}), and how often
   * reservation changes are swept and published to the catalog ({@code publishMillis}), and how many
   * cart verticles serve the cart's bus addresses on a node ({@code instances}, 0: one per core), and
   * how many new guest carts one client address may open per minute ({@code newGuestCartsPerMinute}:
   * each may hold stock reserved, so a script must not open them without end).
   */
  public record Cart(int guestTtlDays, int customerTtlDays, int reservationSeconds, int maxLineQuantity, int maxLines,
                     List<String> currencies, int maxWishlistItems, long publishMillis, int instances, int newGuestCartsPerMinute) {
  }

  /**
   * Per-request GraphQL limits: depth, cost ({@code maxComplexity}), selected fields and parser
   * tokens of the document, and the size of the response; introspection and the GraphiQL IDE
   * are off unless enabled (the dev profile enables both). {@code resultCacheSeconds}: how long an
   * anonymous shop query's result may be reused at most (0: never). {@code subscriptions}: the
   * limits of the WebSocket endpoint (graphql-transport-ws on {@code /graphql}).
   */
  /**
   * Checkout: its PostgreSQL connections per node ({@code poolSize}: placing and paying orders is
   * write-heavy), how long a placed order waits for its payment before it is cancelled and its stock
   * released ({@code paymentTimeoutSeconds}), how often the reconciliation runs
   * ({@code reconcileSeconds}) and how old a pending payment must be before it asks the provider
   * ({@code pendingCheckSeconds}), how late the test provider's "late" card succeeds
   * ({@code testLateMillis}) and how long after a test payment its webhook-like notice arrives
   * ({@code testNoticeMillis}), and the largest total an order may have, in minor units of its
   * currency ({@code maxOrderTotal}: a larger one is refused at the quote and at placement; at most
   * {@value #MONEY_MAX}, the largest amount the API states).
   */
  public record Checkout(int poolSize, int paymentTimeoutSeconds, int reconcileSeconds, int pendingCheckSeconds, long testLateMillis,
                         long testNoticeMillis, long maxOrderTotal) {
  }

  /** The largest amount of money the API states (the contract's {@code Money.amount} maximum), in minor units. */
  public static final long MONEY_MAX = 999_999_999_999L;

  /**
   * Stripe, when {@code secretKey} is set (from COMMERCE_STRIPE_SECRET_KEY only): the webhook's signing
   * secret (COMMERCE_STRIPE_WEBHOOK_SECRET only), the publishable key for the storefront, and
   * {@code apiBase} (empty: Stripe's own; tests point it at a local fake Stripe server).
   */
  /**
   * Stripe: the keys (secret ones from the environment only), the API's base (empty: Stripe's own)
   * and the address of Stripe.js for the storefront's Elements (empty: {@value #STRIPE_JS}).
   */
  public record Stripe(String secretKey, String webhookSecret, String publishableKey, String apiBase, String jsUrl) {

    public static final String STRIPE_JS = "https://js.stripe.com/v3/";
    public static final String STRIPE_API = "https://api.stripe.com";

    public Stripe {
      jsUrl = jsUrl == null || jsUrl.isBlank() ? STRIPE_JS : jsUrl;
    }

    public boolean configured() {
      return !secretKey.isEmpty();
    }

    /** Where the browser reaches Stripe's API (Stripe.js confirms payments there). */
    public String browserApi() {
      return apiBase == null || apiBase.isBlank() ? STRIPE_API : apiBase;
    }
  }

  public record GraphQl(int maxDepth, int maxComplexity, int maxFields, int maxTokens, int maxResponseBytes,
                        boolean introspection, boolean graphiql, int resultCacheSeconds, Subscriptions subscriptions) {

    /** The limits of {@code graphql.*} with the default subscription limits (tests). */
    public GraphQl(int maxDepth, int maxComplexity, int maxFields, int maxTokens, int maxResponseBytes,
                   boolean introspection, boolean graphiql, int resultCacheSeconds) {
      this(maxDepth, maxComplexity, maxFields, maxTokens, maxResponseBytes, introspection, graphiql, resultCacheSeconds,
        Subscriptions.DEFAULTS);
    }
  }

  /**
   * GraphQL subscriptions over WebSocket ({@code graphql.subscriptions}): operations one connection
   * may run at once ({@code maxPerConnection}), seconds a new connection has to send
   * {@code connection_init} ({@code initTimeoutSeconds}), seconds of silence from the client after
   * which the connection is closed ({@code idleTimeoutSeconds}; the server pings at half of it),
   * open connections per client IP and gateway node ({@code maxConnectionsPerIp}), the largest
   * message a client may send ({@code maxMessageBytes}), and the shortest interval between two
   * updates of one subscription ({@code coalesceMillis}: events in between are sent as one).
   */
  public record Subscriptions(int maxPerConnection, int initTimeoutSeconds, int idleTimeoutSeconds, int maxConnectionsPerIp,
                              int maxMessageBytes, int coalesceMillis) {
    public static final Subscriptions DEFAULTS = new Subscriptions(20, 10, 60, 16, 65_536, 100);
  }

  /**
   * Idempotency keys on writes (REST operations other than GET, GraphQL mutations): a write's
   * answer is kept and replayed for {@code ttlSeconds}; a request in progress holds its key for at
   * most {@code pendingSeconds} (after a crash the key is free again then; longer than the bus
   * timeout, so a request still waiting for its service keeps its key); a second request with a
   * key in progress waits up to {@code waitMillis} for the first one's answer, then gets
   * IDEMPOTENCY_IN_PROGRESS.
   */
  public record Idempotency(long ttlSeconds, long pendingSeconds, long waitMillis) {
  }

  /**
   * The event log: relays and consumers poll every {@code pollMillis} besides their wake-ups and
   * move {@code batchSize} events per transaction; logged events are kept {@code retentionDays}
   * and never purged before every registered consumer has read them, unless
   * {@code retentionIgnoresConsumers}.
   */
  public record Outbox(long pollMillis, int batchSize, int retentionDays, boolean retentionIgnoresConsumers) {
  }

  /**
   * Transactional e-mails: sent from {@code from} in the name of {@code shopName}, with links to the
   * storefront at {@code shopUrl}. {@code smtpUrl} (from COMMERCE_SMTP_URL only, as it may carry a
   * password: {@code smtp://user:pass@host:port}, {@code smtps://...} for TLS from the start; empty:
   * every mail is written as a {@code .eml} file into {@code directory}, by default {@code mail/}
   * in the data directory). A mail that cannot be delivered is retried after
   * {@code retryBaseMillis}, doubling up to {@code retryMaxMillis}, {@code maxAttempts} times in
   * all, then marked failed; the sender looks for due mails every {@code pollMillis} (and at once
   * when a new one is written), {@code batchSize} at a time.
   */
  public record Mail(String from, String shopName, String shopUrl, String smtpUrl, String directory, int maxAttempts,
                     long retryBaseMillis, long retryMaxMillis, long pollMillis, int batchSize) {
    public boolean smtpConfigured() {
      return !smtpUrl.isEmpty();
    }
  }

  /**
   * Uploaded product images: stored under {@code directory} (by default {@code media/} in the data
   * directory; several nodes must share it), an upload at most {@code maxUploadBytes} long and at most
   * {@code maxDimension} pixels wide and high.
   */
  public record Media(String directory, int maxUploadBytes, int maxDimension) {
  }

  /**
   * Clustered event bus (Hazelcast). {@code host}: the address to bind and announce, empty for the
   * default. {@code name}: only nodes with the same name join. {@code port}: the Hazelcast member
   * port (the next free one up to +100 when taken). {@code members}: host[:port] of the nodes to
   * join over TCP; empty for multicast discovery. {@code busPort}: the event bus port, 0 for a random one.
   */
  public record Cluster(boolean enabled, String host, String name, int port, List<String> members, int busPort) {
  }

  /**
   * The OpenSearch search backend: the node's URL (empty: searches stay on PostgreSQL), the
   * alias the engine searches, whose indexes are named {@code <index>-<millis>}, and whether
   * PostgreSQL answers while OpenSearch cannot ({@code fallback}; tests turn it off).
   */
  public record OpenSearch(String url, String index, boolean fallback) {

    public boolean enabled() {
      return !url.isEmpty();
    }
  }

  /** How long in-flight work may take to finish after SIGTERM. */
  public record Shutdown(int graceSeconds) {
  }

  public static AppConfig from(JsonObject json) {
    var http = new ConfigReader(json, "http");
    var pg = new ConfigReader(json, "pg");
    var redis = new ConfigReader(json, "redis");
    var embedded = new ConfigReader(json, "embedded");
    var bus = new ConfigReader(json, "bus");
    var auth = new ConfigReader(json, "auth");
    var catalog = new ConfigReader(json, "catalog");
    var graphql = new ConfigReader(json, "graphql");
    var cart = new ConfigReader(json, "cart");
    var checkout = new ConfigReader(json, "checkout");
    var stripe = new ConfigReader(json, "stripe");
    var idempotency = new ConfigReader(json, "idempotency");
    var outbox = new ConfigReader(json, "outbox");
    var cluster = new ConfigReader(json, "cluster");
    var shutdown = new ConfigReader(json, "shutdown");
    var opensearch = new ConfigReader(json, "opensearch");
    String secret = json.getJsonObject("auth").getString("jwtSecret", "");
    if (!secret.isEmpty() && secret.length() < 32) {
      throw new ConfigException("auth.jwtSecret", "must be at least 32 characters (set COMMERCE_JWT_SECRET)");
    }
    String metricsToken = json.getJsonObject("http").getString("metricsToken", "");
    if (!metricsToken.isEmpty() && metricsToken.length() < 16) {
      throw new ConfigException("http.metricsToken", "must be at least 16 characters (set COMMERCE_HTTP_METRICS_TOKEN)");
    }
    long pendingSeconds = idempotency.number("pendingSeconds", 5, 3600);
    long uploadWait = io.kinetic.kernel.contract.media.MediaApi.UPLOAD_IMAGE.timeoutMillis();
    if (pendingSeconds * 1000 <= Math.max(bus.number("timeoutMillis", 100, 600_000), uploadWait)) {
      // a request still waiting for its service must keep its key, or a retry would run it a second time
      throw new ConfigException("idempotency.pendingSeconds", "must be longer than bus.timeoutMillis and an image upload's wait ("
        + uploadWait / 1000 + " s), got " + pendingSeconds + " s");
    }
    String currency = catalog.string("defaultCurrency");
    if (!io.kinetic.kernel.money.Money.isCurrency(currency)) {
      throw new ConfigException("catalog.defaultCurrency", "must be an ISO 4217 code, got " + currency);
    }
    return new AppConfig(
      json.getString("profile", "default"),
      new Http(http.string("host"), http.integer("port", 0, 65535), http.integer("instances", 0, 256),
        http.integer("maxBodyBytes", 1024, 64 * 1024 * 1024), http.bool("metrics"), ipRanges(http, "trustedProxies"),
        http.oneOf("clientIpHeader", Http.X_FORWARDED_FOR, Http.FORWARDED), metricsToken, http.bool("busMetrics")),
      new Pg(pg.url("url", "postgresql", "postgres"), pg.integer("poolSize", 1, 1000)),
      new RedisSettings(redis.url("url", "redis", "rediss"), redis.integer("poolSize", 1, 1000)),
      new Embedded(embedded.string("dataDir"), embedded.integer("pgPort", 0, 65535), embedded.integer("redisPort", 0, 65535)),
      new Bus(bus.number("timeoutMillis", 100, 600_000), bus.bool("preferLocal"), bus.number("remoteTimeoutMillis", 50, 600_000)),
      new Auth(auth.string("issuer"), auth.number("accessTtlSeconds", 30, 900), auth.number("refreshTtlSeconds", 60, 31_536_000),
        auth.integer("passwordIterations", 1_000, 10_000_000), auth.integer("loginMaxFailures", 1, 1000),
        auth.number("loginWindowSeconds", 1, 86_400), auth.integer("loginMaxFailuresPerIp", 1, 1_000_000),
        auth.integer("loginMaxFailuresPerEmail", 1, 1_000_000), secret, auth.integer("hashWorkers", 0, 256),
        auth.integer("registerMaxPerIp", 1, 1_000_000), auth.number("registerWindowSeconds", 1, 86_400),
        auth.number("staffRevocationPollMillis", 100, 60_000), auth.number("resetTtlSeconds", 60, 86_400),
        auth.integer("resetMaxPerWindow", 1, 1_000_000), auth.number("resetWindowSeconds", 1, 86_400),
        auth.number("refreshReuseGraceSeconds", 0, 300)),
      new Catalog(catalog.integer("instances", 0, 256), catalog.integer("cacheSize", 0, 10_000_000),
        catalog.integer("cacheTtlSeconds", 1, 86_400), catalog.integer("seedProducts", 0, 10_000_000),
        catalog.string("defaultLocale"), currency, catalog.integer("lowStockThreshold", 0, 1_000_000)),
      cartSettings(cart, currency),
      new Checkout(checkout.integer("poolSize", 1, 1000), checkout.integer("paymentTimeoutSeconds", 1, 604_800), checkout.integer("reconcileSeconds", 1, 3_600),
        checkout.integer("pendingCheckSeconds", 1, 86_400), checkout.number("testLateMillis", 0, 600_000),
        checkout.number("testNoticeMillis", 0, 3_600_000), checkout.number("maxOrderTotal", 1, MONEY_MAX)),
      new Stripe(json.getJsonObject("stripe").getString("secretKey", ""), json.getJsonObject("stripe").getString("webhookSecret", ""),
        stripe.string("publishableKey"), stripe.string("apiBase"), stripe.string("jsUrl")),
      new GraphQl(graphql.integer("maxDepth", 2, 100), graphql.integer("maxComplexity", 10, 1_000_000),
        graphql.integer("maxFields", 10, 10_000), graphql.integer("maxTokens", 100, 1_000_000),
        graphql.integer("maxResponseBytes", 1024, 256 * 1024 * 1024), graphql.bool("introspection"), graphql.bool("graphiql"),
        graphql.integer("resultCacheSeconds", 0, 3600), subscriptions(graphql.section("subscriptions"))),
      new Idempotency(idempotency.number("ttlSeconds", 60, 2_592_000), pendingSeconds, idempotency.number("waitMillis", 0, 60_000)),
      new Outbox(outbox.number("pollMillis", 10, 3_600_000), outbox.integer("batchSize", 1, 1_000),
        outbox.integer("retentionDays", 1, 3650), outbox.bool("retentionIgnoresConsumers")),
      mail(json, embedded.string("dataDir")),
      media(json, embedded.string("dataDir")),
      new Cluster(cluster.bool("enabled"), cluster.string("host"), cluster.string("name"), cluster.integer("port", 1, 65535),
        cluster.hostPorts("members"), cluster.integer("busPort", 0, 65535)),
      new Shutdown(shutdown.integer("graceSeconds", 0, 300)),
      openSearch(opensearch),
      json);
  }

  private static Cart cartSettings(ConfigReader cart, String defaultCurrency) {
    var currencies = new java.util.ArrayList<String>();
    currencies.add(defaultCurrency);
    for (String c : cart.list("currencies")) {
      if (!io.kinetic.kernel.money.Money.isCurrency(c)) {
        throw new ConfigException(cart.qualified("currencies"), "must be ISO 4217 codes, got " + c);
      }
      if (!currencies.contains(c)) {
        currencies.add(c);
      }
    }
    return new Cart(cart.integer("guestTtlDays", 1, 365), cart.integer("customerTtlDays", 1, 365),
      cart.integer("reservationSeconds", 1, 86_400), cart.integer("maxLineQuantity", 1, 10_000),
      cart.integer("maxLines", 1, 500), List.copyOf(currencies), cart.integer("maxWishlistItems", 1, 10_000),
      cart.number("publishMillis", 50, 60_000), cart.integer("instances", 0, 256),
      cart.integer("newGuestCartsPerMinute", 1, 100_000_000));
  }

  private static Mail mail(JsonObject json, String dataDir) {
    var mail = new ConfigReader(json, "mail");
    String smtpUrl = json.getJsonObject("mail").getString("smtpUrl", "");
    if (!smtpUrl.isEmpty() && !smtpUrl.startsWith("smtp://") && !smtpUrl.startsWith("smtps://")) {
      throw new ConfigException("mail.smtpUrl", "must start with smtp:// or smtps:// (set COMMERCE_SMTP_URL)");
    }
    String from = mail.string("from");
    if (!from.matches("[^@<>]*<[^@<>\\s]+@[^@<>\\s]+>\\s*|[^@<>\\s]+@[^@<>\\s]+")) {
      throw new ConfigException("mail.from", "must be an address, e.g. shop@example.com or Shop <shop@example.com>, got " + from);
    }
    String shopUrl = json.getJsonObject("mail").getString("shopUrl", "");
    if (shopUrl.isEmpty()) {
      // not set: this engine on this machine, on the port it listens on (0: any, unknown here)
      int port = (int) new ConfigReader(json, "http").number("port", 0, 65535);
      shopUrl = "http://localhost" + (port == 0 || port == 80 ? "" : ":" + port);
    }
    if (!shopUrl.startsWith("http://") && !shopUrl.startsWith("https://")) {
      throw new ConfigException("mail.shopUrl", "must be the storefront's http(s):// address, got " + shopUrl);
    }
    String directory = mail.string("directory");
    long base = mail.number("retryBaseMillis", 10, 3_600_000);
    return new Mail(from, mail.string("shopName"), shopUrl, smtpUrl,
      directory.isEmpty() ? java.nio.file.Path.of(dataDir, "mail").toString() : directory,
      mail.integer("maxAttempts", 1, 1000), base, mail.number("retryMaxMillis", base, 86_400_000),
      mail.number("pollMillis", 10, 3_600_000), mail.integer("batchSize", 1, 1000));
  }

  private static OpenSearch openSearch(ConfigReader section) {
    String index = section.string("index");
    if (!index.matches("[a-z0-9][a-z0-9_-]{0,200}")) {
      throw new ConfigException(section.qualified("index"), "must be a lower-case OpenSearch index name, got " + index);
    }
    return new OpenSearch(section.url("url", "http", "https"), index, section.bool("fallback"));
  }

  private static Media media(JsonObject json, String dataDir) {
    var media = new ConfigReader(json, "media");
    String directory = media.string("directory");
    return new Media(directory.isEmpty() ? java.nio.file.Path.of(dataDir, "media").toString() : directory,
      media.integer("maxUploadBytes", 1024, 64 * 1024 * 1024), media.integer("maxDimension", 16, 20_000));
  }

  private static Subscriptions subscriptions(ConfigReader section) {
    return new Subscriptions(section.integer("maxPerConnection", 1, 1_000), section.integer("initTimeoutSeconds", 1, 300),
      section.integer("idleTimeoutSeconds", 2, 3_600), section.integer("maxConnectionsPerIp", 1, 100_000),
      section.integer("maxMessageBytes", 1_024, 16 * 1024 * 1024), section.integer("coalesceMillis", 0, 60_000));
  }

  private static List<IpRange> ipRanges(ConfigReader section, String key) {
    return section.list(key).stream().map(entry -> {
      try {
        return IpRange.parse(entry);
      } catch (IllegalArgumentException e) {
        throw new ConfigException(section.qualified(key), e.getMessage());
      }
    }).toList();
  }

  /** Event-loop instances to deploy for a setting where 0 means "one per core". */
  public static int instances(int setting) {
    return setting > 0 ? setting : Runtime.getRuntime().availableProcessors();
  }
}

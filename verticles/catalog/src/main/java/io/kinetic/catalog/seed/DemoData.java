package io.kinetic.catalog.seed;

import io.kinetic.catalog.ProductDraft;
import io.kinetic.kernel.contract.catalog.Media;
import io.kinetic.kernel.contract.catalog.ProductInput;
import io.kinetic.kernel.contract.catalog.ProductStatus;
import io.kinetic.kernel.contract.catalog.Seo;
import io.kinetic.kernel.contract.catalog.Translation;
import io.kinetic.kernel.contract.catalog.VariantInput;
import io.kinetic.kernel.money.Money;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Generates demo product number {@code n} from a random generator seeded with a fixed seed and
 * {@code n}: the same product every time, whatever the batch it is generated in. Only the
 * creation times (and the time-ordered ids derived from them) are relative to {@code now}.
 */
final class DemoData {

  static final long SEED = 20_261_121L;
  private static final long YEAR_SECONDS = Duration.ofDays(365).toSeconds();

  /** The currencies the engine ships with: prices in these whatever the configuration says (tests, tools). */
  static final List<String> DEFAULT_CURRENCIES = List.of("EUR", "USD");
  /**
   * Demo exchange rates from the euro (round figures of late 2026), for a shop that sells in other
   * currencies than EUR and USD: its demo products are priced in its own currencies. A currency
   * missing here is priced 1:1.
   */
  private static final Map<String, Double> DEMO_RATES = Map.ofEntries(Map.entry("USD", 1.08), Map.entry("GBP", 0.86),
    Map.entry("CHF", 0.95), Map.entry("JPY", 160.0), Map.entry("SEK", 11.5), Map.entry("NOK", 11.7), Map.entry("DKK", 7.46),
    Map.entry("PLN", 4.3), Map.entry("CZK", 25.0), Map.entry("HUF", 400.0), Map.entry("CAD", 1.47), Map.entry("AUD", 1.65),
    Map.entry("NZD", 1.8), Map.entry("CNY", 7.8), Map.entry("INR", 90.0), Map.entry("BRL", 5.9), Map.entry("MXN", 19.5));

  private final Instant now;
  private final List<String> currencies;

  DemoData(Instant now) {
    this(now, DEFAULT_CURRENCIES);
  }

  /** Demo products priced in {@code currencies} (the shop's, {@code cart.currencies}). */
  DemoData(Instant now, List<String> currencies) {
    this.now = now;
    this.currencies = currencies == null || currencies.isEmpty() ? DEFAULT_CURRENCIES : List.copyOf(currencies);
  }

  /** A demo price of {@code eur} cents in {@code currency}: converted, then rounded to end in 99 (9 without minor units). */
  static Money price(long eur, String currency) {
    if ("EUR".equals(currency)) {
      return Money.of(eur, "EUR");
    }
    double rate = DEMO_RATES.getOrDefault(currency, 1.0);
    int digits = Math.max(0, java.util.Currency.getInstance(currency).getDefaultFractionDigits());
    double major = eur * rate / 100.0;
    long amount = digits == 0 ? Math.max(9, Math.round(major / 10.0) * 10 - 1)
      : Math.max(99, Math.round(major) * Math.round(Math.pow(10, digits)) - 1);
    return Money.of(amount, currency);
  }

  List<ProductDraft> products(int from, int to) {
    var out = new ArrayList<ProductDraft>(to - from);
    for (int n = from; n < to; n++) {
      out.add(product(n));
    }
    return out;
  }

  ProductDraft product(int n) {
    var r = new SplittableRandom(SEED * 31 + n);
    DemoTaxonomy.Leaf leaf = DemoTaxonomy.LEAVES.get(r.nextInt(DemoTaxonomy.LEAVES.size()));
    String[] noun = leaf.nouns().get(r.nextInt(leaf.nouns().size()));
    String[] material = DemoTaxonomy.MATERIALS[r.nextInt(DemoTaxonomy.MATERIALS.length)];
    String line = DemoTaxonomy.LINES[r.nextInt(DemoTaxonomy.LINES.length)];
    String brand = DemoTaxonomy.BRANDS[r.nextInt(DemoTaxonomy.BRANDS.length)];
    String colour = DemoTaxonomy.COLOURS[r.nextInt(DemoTaxonomy.COLOURS.length)];
    int weight = r.nextInt(50, 2000);

    String nameEn = line + " " + material[0] + " " + noun[0];
    String nameDe = line + " " + noun[1] + " aus " + material[1];
    String slug = (nameEn.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-") + "-" + (n + 1));
    var translations = new LinkedHashMap<String, Translation>();
    translations.put("en", new Translation(nameEn, "The " + nameEn + " by " + brand + ", made of " + material[0]
      + " and weighing " + weight + " g."));
    translations.put("de", new Translation(nameDe, nameDe + " von " + brand + ", " + weight + " g leicht."));
    var attributes = new LinkedHashMap<String, Object>();
    attributes.put("material", material[0]);
    attributes.put("weight", weight);
    attributes.put("organic", r.nextInt(4) == 0);
    attributes.put("brand", brand);
    attributes.put("colour", colour);
    List<Media> media = List.of(new Media("/media/placeholder/" + slug + "-1.svg", nameEn),
      new Media("/media/placeholder/" + slug + "-2.svg", nameEn + " (detail)"));

    long baseEur = (r.nextInt(5, 200) * 100L) - 1;
    var variants = variantMatrix(n, r, baseEur, colour, currencies);
    int count = variants.size();
    var input = new ProductInput(slug, r.nextInt(10) == 0 ? ProductStatus.DRAFT : ProductStatus.PUBLISHED, "en",
      translations, List.of(leaf.category().id()), attributes, media,
      new Seo(nameEn + " | Kinetic Commerce", translations.get("en").description()), variants);

    Instant created = now.minusSeconds(r.nextLong(YEAR_SECONDS)).minusNanos(r.nextInt(1_000_000) * 1000L)
      .truncatedTo(ChronoUnit.MICROS);
    var variantIds = new ArrayList<UUID>(count);
    for (int v = 0; v < count; v++) {
      variantIds.add(timeOrdered(created, r));
    }
    return new ProductDraft(timeOrdered(created, r), input, variantIds, OffsetDateTime.ofInstant(created, ZoneOffset.UTC));
  }

  /**
   * The variants as a shop has them: a matrix of 1 to 4 neighbouring sizes × 1 to 3 colours (the
   * product's colour first), a larger size costing more, with gaps: about one combination in six is
   * not made (never the first) and about one in ten is sold out. At most 12 variants.
   */
  private static List<VariantInput> variantMatrix(int n, SplittableRandom r, long baseEur, String colour, List<String> currencies) {
    int sizes = r.nextInt(1, 5);
    int firstSize = r.nextInt(DemoTaxonomy.SIZES.length - sizes + 1);
    var colours = new ArrayList<String>(List.of(colour));
    int wanted = r.nextInt(1, 4);
    while (colours.size() < wanted) {
      String c = DemoTaxonomy.COLOURS[r.nextInt(DemoTaxonomy.COLOURS.length)];
      if (!colours.contains(c)) {
        colours.add(c);
      }
    }
    var variants = new ArrayList<VariantInput>(sizes * colours.size());
    for (int s = 0; s < sizes; s++) {
      String size = DemoTaxonomy.SIZES[firstSize + s];
      long eur = baseEur + s * 200L;
      List<Money> prices = currencies.stream().map(c -> price(eur, c)).toList();
      for (String c : colours) {
        boolean first = variants.isEmpty();
        if (!first && sizes * colours.size() > 2 && r.nextInt(6) == 0) {
          continue;
        }
        String sku = String.format(Locale.ROOT, "KC%06d-%s-%s", n + 1, size, c.toUpperCase(Locale.ROOT));
        variants.add(new VariantInput(sku, Map.of("size", size, "colour", c),
          prices, r.nextInt(10) == 0 ? 0 : r.nextInt(1, 200)));
      }
    }
    return variants;
  }

  /** A UUIDv7 for {@code at} with random bits from {@code r}, like the ids the engine makes. */
  private static UUID timeOrdered(Instant at, SplittableRandom r) {
    long msb = (at.toEpochMilli() << 16) | (0x7L << 12) | r.nextInt(1 << 12);
    long lsb = (r.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(msb, lsb);
  }
}

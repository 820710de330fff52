package io.kinetic.catalog.seed;

import io.kinetic.kernel.contract.catalog.Attribute;
import io.kinetic.kernel.contract.catalog.AttributeType;
import io.kinetic.kernel.contract.catalog.Category;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The fixed part of the demo catalogue: the category tree, the attribute definitions and the vocabulary of names. */
final class DemoTaxonomy {

  /** A leaf category with the product nouns it sells (English, German). */
  record Leaf(Category category, List<String[]> nouns) {
  }

  static final String[][] MATERIALS = {
    {"cotton", "Baumwolle"}, {"linen", "Leinen"}, {"wool", "Wolle"}, {"leather", "Leder"}, {"polyester", "Polyester"},
    {"bamboo", "Bambus"}, {"steel", "Stahl"}, {"wood", "Holz"}, {"ceramic", "Keramik"}, {"silk", "Seide"}};
  static final String[] COLOURS = {"black", "white", "red", "blue", "green", "grey", "beige", "navy"};
  static final String[] SIZES = {"XS", "S", "M", "L", "XL"};
  static final String[] BRANDS = {"Kinetic", "Northwind", "Fjord & Co", "Brightside", "Oakline", "Terra", "Velo", "Lumen"};
  static final String[] LINES = {"Aurora", "Nordic", "Atlas", "Breeze", "Summit", "Harbor", "Meadow", "Ember", "Coast",
    "Alpine", "Urban", "Willow", "Drift", "Solstice", "Canyon", "Luna"};

  /** Top level: slug, English, German; then its children: slug, English, German, nouns "en/de|en/de". */
  private static final String[][][] TREE = {
    {{"clothing", "Clothing", "Kleidung"},
      {"shirts", "Shirts", "Hemden", "shirt/Hemd|blouse/Bluse|polo/Polohemd"},
      {"trousers", "Trousers", "Hosen", "chinos/Chino|jeans/Jeans|shorts/Shorts"},
      {"jackets", "Jackets", "Jacken", "jacket/Jacke|parka/Parka|blazer/Blazer"},
      {"knitwear", "Knitwear", "Strickwaren", "sweater/Pullover|cardigan/Strickjacke|scarf/Schal"}},
    {{"shoes", "Shoes", "Schuhe"},
      {"sneakers", "Sneakers", "Sneaker", "sneaker/Sneaker|trainer/Turnschuh"},
      {"boots", "Boots", "Stiefel", "boot/Stiefel|chelsea boot/Chelsea-Stiefel"},
      {"sandals", "Sandals", "Sandalen", "sandal/Sandale|slide/Badeschuh"}},
    {{"home", "Home", "Wohnen"},
      {"kitchen", "Kitchen", "Küche", "mug/Becher|pan/Pfanne|knife/Messer"},
      {"bedding", "Bedding", "Bettwäsche", "duvet cover/Bettbezug|pillow/Kissen"},
      {"decor", "Decor", "Deko", "vase/Vase|candle/Kerze|frame/Bilderrahmen"}},
    {{"outdoor", "Outdoor", "Outdoor"},
      {"camping", "Camping", "Camping", "tent/Zelt|sleeping bag/Schlafsack"},
      {"hiking", "Hiking", "Wandern", "backpack/Rucksack|water bottle/Trinkflasche"},
      {"cycling", "Cycling", "Radsport", "helmet/Helm|jersey/Trikot"}},
    {{"accessories", "Accessories", "Accessoires"},
      {"bags", "Bags", "Taschen", "tote bag/Tragetasche|wallet/Geldbörse"},
      {"hats", "Hats", "Hüte", "cap/Kappe|beanie/Mütze"},
      {"belts", "Belts", "Gürtel", "belt/Gürtel"}},
    {{"beauty", "Beauty", "Kosmetik"},
      {"skincare", "Skincare", "Hautpflege", "face cream/Gesichtscreme|serum/Serum"},
      {"haircare", "Haircare", "Haarpflege", "shampoo/Shampoo|conditioner/Spülung"},
      {"fragrance", "Fragrance", "Düfte", "eau de parfum/Eau de Parfum"}},
    {{"kids", "Kids", "Kinder"},
      {"toys", "Toys", "Spielzeug", "puzzle/Puzzle|teddy bear/Teddybär"},
      {"baby", "Baby", "Baby", "bib/Lätzchen|romper/Strampler"},
      {"school", "School", "Schule", "pencil case/Federmäppchen|school bag/Schulranzen"}}};

  static final List<Category> CATEGORIES;
  static final List<Leaf> LEAVES;

  static {
    var categories = new ArrayList<Category>();
    var leaves = new ArrayList<Leaf>();
    for (int t = 0; t < TREE.length; t++) {
      Category top = category(null, TREE[t][0], t);
      categories.add(top);
      for (int c = 1; c < TREE[t].length; c++) {
        Category child = category(top.id(), TREE[t][c], c - 1);
        categories.add(child);
        var nouns = new ArrayList<String[]>();
        for (String pair : TREE[t][c][3].split("\\|")) {
          nouns.add(pair.split("/"));
        }
        leaves.add(new Leaf(child, List.copyOf(nouns)));
      }
    }
    CATEGORIES = List.copyOf(categories);
    LEAVES = List.copyOf(leaves);
  }

  static final List<Attribute> ATTRIBUTES = List.of(
    new Attribute("material", AttributeType.ENUM, null,
      List.of(MATERIALS).stream().map(m -> m[0]).toList(), Map.of("en", "Material", "de", "Material")),
    new Attribute("weight", AttributeType.NUMBER, "g", null, Map.of("en", "Weight", "de", "Gewicht")),
    new Attribute("organic", AttributeType.BOOLEAN, null, null, Map.of("en", "Organic", "de", "Bio")),
    new Attribute("brand", AttributeType.TEXT, null, null, Map.of("en", "Brand", "de", "Marke")),
    new Attribute("colour", AttributeType.ENUM, null, List.of(COLOURS), Map.of("en", "Colour", "de", "Farbe")));

  private DemoTaxonomy() {
  }

  /** Category ids are derived from the slug, so every demo catalogue has the same ones. */
  private static Category category(UUID parent, String[] row, int position) {
    UUID id = UUID.nameUUIDFromBytes(("kinetic-demo-category:" + row[0]).getBytes(StandardCharsets.UTF_8));
    return new Category(id, parent, row[0], Map.of("en", row[1], "de", row[2]), position);
  }
}

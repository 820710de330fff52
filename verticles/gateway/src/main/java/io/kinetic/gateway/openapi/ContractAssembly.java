package io.kinetic.gateway.openapi;

import io.kinetic.gateway.edge.Edge;
import io.kinetic.gateway.idempotency.IdempotencyContract;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The one REST contract, assembled from fragments: {@value #COMMON} (the document's info, tags,
 * the contract's own route, security schemes and the shared components) and each edge's
 * fragments ({@link Edge#openApiFragments()}), in the order of the edge list. An edge fragment
 * holds only {@code paths}, {@code components} and {@code tags}; a path, or a component name
 * within its section, defined by two fragments fails start-up naming both, so an edge cannot
 * silently replace another's schema. References ({@code #/components/...}) resolve in the merged
 * document, so an edge fragment uses the common components without repeating them. Each
 * operation belongs to the edge whose fragment defines it ({@link MergedContract#owners()}). Every
 * write gets the common {@code Idempotency-Key} header and its answers ({@link IdempotencyContract}),
 * and a limit that is a configuration key its configured value ({@link ConfiguredLimits}).
 * Blocking (reads and parses YAML): runs once per gateway instance at start-up.
 */
public final class ContractAssembly {

  public static final String COMMON = "openapi/common.yaml";
  /** The owner of the common fragment's operations (the contract's own route). */
  public static final String CORE = "core";
  private static final Set<String> EDGE_KEYS = Set.of("paths", "components", "tags");

  private final JsonObject merged;
  private final Map<String, String> owners = new LinkedHashMap<>();
  /** Where each path and component was defined, for the error naming both places. */
  private final Map<String, String> definedIn = new HashMap<>();

  private ContractAssembly(JsonObject common) {
    this.merged = common.copy();
    merged.put("paths", new JsonObject());
    merged.put("components", new JsonObject());
    merged.put("tags", new JsonArray());
  }

  /**
   * Reads the common fragment and every edge's fragments from the classpath and merges them, with
   * the fragments' default for each limit that is a configuration key ({@link ConfiguredLimits}).
   */
  public static MergedContract assemble(List<? extends Edge> edges) {
    return assemble(edges, null);
  }

  /**
   * {@link #assemble(List)} with the limits that are configuration keys ({@code x-maximum}) taken
   * from {@code config}, the merged configuration ({@code AppConfig.raw()}) this gateway runs with.
   */
  public static MergedContract assemble(List<? extends Edge> edges, JsonObject config) {
    JsonObject common = read(COMMON);
    var assembly = new ContractAssembly(common);
    assembly.add(CORE, COMMON, common);
    var names = new HashSet<>(Set.of(CORE));
    for (Edge edge : edges) {
      if (!names.add(edge.name())) {
        throw new IllegalStateException("two edges are named " + edge.name());
      }
      for (String path : edge.openApiFragments()) {
        JsonObject fragment = read(path);
        for (String key : fragment.fieldNames()) {
          if (!EDGE_KEYS.contains(key)) {
            throw new IllegalStateException(path + ": an edge fragment holds only " + EDGE_KEYS + ", not " + key);
          }
        }
        assembly.add(edge.name(), path, fragment);
      }
    }
    // every write, whichever edge defines it, takes an Idempotency-Key
    IdempotencyContract.apply(assembly.merged);
    // limits that are this shop's configuration (a cart line's quantity: cart.maxLineQuantity)
    ConfiguredLimits.apply(assembly.merged, config);
    return new MergedContract(assembly.merged, Map.copyOf(assembly.owners), ContractYaml.write(assembly.merged));
  }

  private void add(String owner, String file, JsonObject fragment) {
    JsonObject paths = fragment.getJsonObject("paths", new JsonObject());
    for (String path : paths.fieldNames()) {
      define("path " + path, file);
      JsonObject item = paths.getJsonObject(path);
      merged.getJsonObject("paths").put(path, item);
      item.forEach(method -> {
        if (method.getValue() instanceof JsonObject operation && operation.getString("operationId") != null) {
          String previous = owners.putIfAbsent(operation.getString("operationId"), owner);
          if (previous != null) {
            throw new IllegalStateException(file + ": operationId " + operation.getString("operationId") + " is taken");
          }
        }
      });
    }
    JsonObject components = fragment.getJsonObject("components", new JsonObject());
    for (String section : components.fieldNames()) {
      JsonObject target = merged.getJsonObject("components").getJsonObject(section);
      if (target == null) {
        target = new JsonObject();
        merged.getJsonObject("components").put(section, target);
      }
      JsonObject entries = components.getJsonObject(section);
      for (String name : entries.fieldNames()) {
        define("components/" + section + "/" + name, file);
        target.put(name, entries.getValue(name));
      }
    }
    addTags(fragment.getJsonArray("tags", new JsonArray()));
  }

  private void define(String what, String file) {
    String previous = definedIn.putIfAbsent(what, file);
    if (previous != null) {
      throw new IllegalStateException(what + " is defined in " + previous + " and in " + file + ": define it once");
    }
  }

  /** Tags are shared labels (storefront, admin...): each name is listed once, where first met. */
  private void addTags(JsonArray tags) {
    JsonArray all = merged.getJsonArray("tags");
    Set<String> known = new HashSet<>();
    all.forEach(tag -> known.add(((JsonObject) tag).getString("name")));
    tags.forEach(tag -> {
      if (known.add(((JsonObject) tag).getString("name"))) {
        all.add(tag);
      }
    });
  }

  private static JsonObject read(String path) {
    try (InputStream in = ContractAssembly.class.getClassLoader().getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("no contract fragment " + path + " on the classpath");
      }
      return ContractLoader.parse(Buffer.buffer(in.readAllBytes()));
    } catch (IOException e) {
      throw new UncheckedIOException(path, e);
    }
  }
}

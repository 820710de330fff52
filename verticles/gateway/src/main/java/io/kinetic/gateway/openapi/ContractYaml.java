package io.kinetic.gateway.openapi;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Represent;
import org.yaml.snakeyaml.representer.Representer;

/**
 * The merged contract as YAML, for {@code GET /api/v1/openapi.yaml}: block style in the
 * document's key order, multi-line descriptions as literal blocks ({@code |}) so the served
 * document reads like its fragments. Written once at start-up.
 */
final class ContractYaml {

  private ContractYaml() {
  }

  static Buffer write(JsonObject document) {
    var options = new DumperOptions();
    options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    options.setIndent(2);
    options.setIndicatorIndent(0);
    options.setWidth(120);
    options.setSplitLines(false);
    return Buffer.buffer(new Yaml(new LiteralBlocks(options), options).dump(plain(document)));
  }

  /** JsonObject and JsonArray (as merging leaves them) to plain maps and lists SnakeYAML knows. */
  private static Object plain(Object value) {
    if (value instanceof JsonObject object) {
      return plain(object.getMap());
    }
    if (value instanceof JsonArray array) {
      return plain(array.getList());
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>();
      map.forEach((key, item) -> out.put(String.valueOf(key), plain(item)));
      return out;
    }
    if (value instanceof List<?> list) {
      List<Object> out = new ArrayList<>(list.size());
      list.forEach(item -> out.add(plain(item)));
      return out;
    }
    return value;
  }

  /** Strings with line breaks as {@code |} blocks (SnakeYAML falls back to quotes where a block cannot hold them). */
  private static final class LiteralBlocks extends Representer {

    LiteralBlocks(DumperOptions options) {
      super(options);
      Represent plainStrings = representers.get(String.class);
      representers.put(String.class, data -> {
        String text = (String) data;
        return text.indexOf('\n') >= 0
          ? representScalar(Tag.STR, text, DumperOptions.ScalarStyle.LITERAL)
          : plainStrings.representData(data);
      });
    }
  }
}

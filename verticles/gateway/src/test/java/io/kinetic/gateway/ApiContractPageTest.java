package io.kinetic.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kinetic.gateway.openapi.ContractAssembly;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * {@code docs/api-contract.md} is generated from the contract and schema fragments
 * ({@link ApiContractPage}), never written by hand: this test fails when the checked-in page is
 * not what the fragments give, and rewrites it when run with {@code -Dkinetic.writeApiPage=true}.
 */
class ApiContractPageTest {

  /** The module directory is the working directory of the tests; the page is in the repository's docs/. */
  private static final Path PAGE = Path.of(System.getProperty("basedir", ".")).resolve("../../docs/api-contract.md").normalize();

  @Test
  void theApiPageIsGeneratedFromTheServedContract() throws Exception {
    String generated = ApiContractPage.render(Edges.ALL);
    if (Boolean.getBoolean("kinetic.writeApiPage")) {
      Files.writeString(PAGE, generated, StandardCharsets.UTF_8);
    }
    String checkedIn = Files.exists(PAGE) ? Files.readString(PAGE, StandardCharsets.UTF_8) : "";
    assertEquals(generated, checkedIn, PAGE + " is stale: regenerate it with mvn -B -pl verticles/gateway -am verify "
      + "-Dtest=ApiContractPageTest -Dsurefire.failIfNoSpecifiedTests=false -Dkinetic.writeApiPage=true");
  }

  /**
   * A YAML flow mapping ends a plain description at its first comma ({@code description: A, b. }):
   * the rest becomes a stray key with a null value, and the served contract loses half the
   * sentence. No key of the merged contract may be null.
   */
  @Test
  void noDescriptionIsCutAtACommaIntoAStrayKey() {
    var stray = new ArrayList<String>();
    nulls(ContractAssembly.assemble(Edges.ALL).document(), "", stray);
    assertEquals(List.of(), stray, "quote these descriptions in the fragments");
  }

  private static void nulls(Object value, String path, List<String> found) {
    if (value instanceof JsonObject object) {
      for (String key : object.fieldNames()) {
        if (object.getValue(key) == null && key.contains(" ")) {
          found.add(path + "/" + key);
        }
        nulls(object.getValue(key), path + "/" + key, found);
      }
    } else if (value instanceof JsonArray array) {
      for (int i = 0; i < array.size(); i++) {
        nulls(array.getValue(i), path + "/" + i, found);
      }
    }
  }
}

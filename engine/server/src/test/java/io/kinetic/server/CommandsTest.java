package io.kinetic.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The command-line tools against the shared test database, checked through the running engine. */
class CommandsTest {

  @Test
  void createAdminMakesAStaffAdminWhoCanLogIn() throws Exception {
    String email = "cli-admin-" + UUID.randomUUID() + "@kinetic.test";
    String password = "cli-admin-password-" + UUID.randomUUID();
    Map<String, String> env = EngineEnv.of("someone-else-" + UUID.randomUUID() + "@kinetic.test", password);

    Commands.createAdmin(env, new String[] {"--email", email, "--name", "Cli Admin"});

    var login = RunningEngine.client().post("/api/v1/admin/auth/login")
      .sendJsonObject(new JsonObject().put("email", email).put("password", password)).await(10, TimeUnit.SECONDS);
    assertEquals(200, login.statusCode(), login.bodyAsString());
    var me = RunningEngine.client().get("/api/v1/admin/me")
      .bearerTokenAuthentication(login.bodyAsJsonObject().getString("accessToken")).send().await(10, TimeUnit.SECONDS);
    assertEquals("Cli Admin", me.bodyAsJsonObject().getString("name"));
  }
}

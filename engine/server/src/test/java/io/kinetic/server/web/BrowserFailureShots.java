package io.kinetic.server.web;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * When a browser test fails, what its browser showed: a screenshot and the page's HTML in
 * {@code target/browser-failures/<class>.<test>.png|.html} (the build's artifacts), for whoever reads
 * the failure. Registered for every test of this module (META-INF/services, autodetection on in
 * junit-platform.properties); a test class without a static {@link Browser} field is left alone.
 */
public final class BrowserFailureShots implements TestWatcher {

  static final Path DIR = Path.of("target", "browser-failures");

  @Override
  public void testFailed(ExtensionContext context, Throwable cause) {
    Class<?> type = context.getTestClass().orElse(null);
    if (type == null) {
      return;
    }
    for (Field field : type.getDeclaredFields()) {
      if (field.getType() == Browser.class && Modifier.isStatic(field.getModifiers())) {
        try {
          field.setAccessible(true);
          Browser browser = (Browser) field.get(null);
          if (browser != null) {
            Files.createDirectories(DIR);
            String name = type.getSimpleName() + "." + context.getRequiredTestMethod().getName();
            browser.failureShot(DIR.resolve(name + ".png"), DIR.resolve(name + ".html"));
          }
        } catch (Exception | Error e) {
          System.err.println("no failure screenshot for " + type.getSimpleName() + ": " + e);
        }
      }
    }
  }
}

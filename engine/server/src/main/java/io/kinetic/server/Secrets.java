package io.kinetic.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

/**
 * Secrets the engine needs when the environment gives none: generated once, kept in the data
 * directory readable by the owner only. Production sets them in the environment instead.
 */
final class Secrets {

  private Secrets() {
  }

  /** The content of {@code dataDir/secrets/<name>}, created with {@code bytes} random bytes when missing. */
  static String generated(Path dataDir, String name, int bytes) throws IOException {
    Path file = dataDir.resolve("secrets").resolve(name);
    if (Files.exists(file)) {
      return Files.readString(file, StandardCharsets.UTF_8).trim();
    }
    Files.createDirectories(file.getParent());
    byte[] random = new byte[bytes];
    new SecureRandom().nextBytes(random);
    String value = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    Files.writeString(file, value, StandardCharsets.UTF_8);
    try {
      Files.setPosixFilePermissions(file, Set.copyOf(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException notPosix) {
      // Windows: the file stays with the directory's permissions
    }
    return value;
  }
}

package io.kinetic.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Secrets the engine needs when the environment gives none: generated once, kept in
 * {@code <dataDir>/secrets}, which is owner-only: the directory {@code rwx------} (0700), every
 * file in it {@code rw-------} (0600). {@link #secure} puts an existing directory (e.g. from an
 * older version, or copied with a loose umask) back to that at every start; files are created
 * with those permissions, so they are never readable by others, not even for a moment.
 * Production sets the secrets in the environment instead. On a file system without POSIX
 * permissions (Windows) the files keep what the directory gives them.
 */
final class Secrets {

  static final String DIRECTORY = "secrets";
  static final Set<PosixFilePermission> DIRECTORY_MODE = Set.copyOf(PosixFilePermissions.fromString("rwx------"));
  static final Set<PosixFilePermission> FILE_MODE = Set.copyOf(PosixFilePermissions.fromString("rw-------"));
  private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

  private Secrets() {
  }

  /** {@code <dataDir>/secrets}, created owner-only when missing; an existing one and its files are made owner-only. */
  static Path secure(Path dataDir) throws IOException {
    Path dir = dataDir.resolve(DIRECTORY);
    if (!Files.isDirectory(dir)) {
      Files.createDirectories(dataDir);
      Files.createDirectories(dir, attribute(DIRECTORY_MODE));
    }
    if (!POSIX) {
      return dir;
    }
    Files.setPosixFilePermissions(dir, DIRECTORY_MODE);
    try (Stream<Path> files = Files.list(dir)) {
      files.forEach(file -> {
        try {
          Files.setPosixFilePermissions(file, Files.isDirectory(file) ? DIRECTORY_MODE : FILE_MODE);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    return dir;
  }

  /** The content of {@code dataDir/secrets/<name>}, created with {@code bytes} random bytes when missing. */
  static String generated(Path dataDir, String name, int bytes) throws IOException {
    Path file = secure(dataDir).resolve(name);
    if (Files.exists(file)) {
      return Files.readString(file, StandardCharsets.UTF_8).trim();
    }
    byte[] random = new byte[bytes];
    new SecureRandom().nextBytes(random);
    String value = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    write(dataDir, name, value);
    return value;
  }

  /** Writes {@code dataDir/secrets/<name>} (replacing it), owner-only from its creation on. */
  static Path write(Path dataDir, String name, String content) throws IOException {
    Path file = secure(dataDir).resolve(name);
    Files.deleteIfExists(file);
    try (SeekableByteChannel out = Files.newByteChannel(file,
      Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), attribute(FILE_MODE))) {
      ByteBuffer buffer = ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8));
      while (buffer.hasRemaining()) {
        out.write(buffer);
      }
    }
    if (POSIX) {
      // the creation mode is filtered by the umask; this is exact
      Files.setPosixFilePermissions(file, FILE_MODE);
    }
    return file;
  }

  private static FileAttribute<?>[] attribute(Set<PosixFilePermission> mode) {
    return POSIX ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(mode)} : new FileAttribute<?>[0];
  }
}

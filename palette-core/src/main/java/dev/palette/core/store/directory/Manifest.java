package dev.palette.core.store.directory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.palette.error.PaletteException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The list of files that hold a directory store: its snapshot, if any, and its logs in order. It is
 * replaced atomically (temp file, flush, rename) whenever that set changes, so on open a file that
 * should be there and is not is found and named, instead of the store opening with part of its
 * data.
 *
 * @param snapshot the snapshot's file name, or {@code null} before the first snapshot
 * @param logs the log file names, oldest first
 */
record Manifest(String snapshot, List<String> logs) {
  static final String FILE = "manifest";
  private static final int FORMAT = 1;
  private static final ObjectMapper JSON = new ObjectMapper();

  Manifest {
    logs = List.copyOf(logs);
  }

  /** No snapshot and no log yet. */
  static Manifest empty() {
    return new Manifest(null, List.of());
  }

  /** Every file this manifest names, snapshot first. */
  List<String> files() {
    List<String> out = new ArrayList<>();
    if (snapshot != null) {
      out.add(snapshot);
    }
    out.addAll(logs);
    return out;
  }

  Manifest withLog(String log) {
    List<String> more = new ArrayList<>(logs);
    more.add(log);
    return new Manifest(snapshot, more);
  }

  Manifest withSnapshot(String newSnapshot, List<String> remainingLogs) {
    return new Manifest(newSnapshot, remainingLogs);
  }

  /**
   * The manifest of the store in {@code directory}, or empty when it has none.
   *
   * @throws PaletteException when the manifest is not one this version wrote
   */
  static Optional<Manifest> read(Path directory) throws IOException {
    Path file = directory.resolve(FILE);
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    try {
      JsonNode node = JSON.readTree(Files.readAllBytes(file));
      if (node == null || node.path("format").asInt() != FORMAT || !node.path("logs").isArray()) {
        throw new IOException("not a manifest of format " + FORMAT);
      }
      JsonNode snap = node.path("snapshot");
      List<String> logs = new ArrayList<>();
      for (JsonNode log : node.path("logs")) {
        logs.add(log.asText());
      }
      return Optional.of(new Manifest(snap.isTextual() ? snap.asText() : null, logs));
    } catch (IOException e) {
      throw new PaletteException("the manifest " + file + " of the store is damaged ("
          + e.getClass().getSimpleName() + "); restore the store directory from a backup");
    }
  }

  /** Replaces the manifest in {@code directory} atomically; the directory is flushed by the caller. */
  void write(Path directory, boolean fsync, FileAttribute<?>[] attributes) throws IOException {
    ObjectNode node = JSON.createObjectNode();
    node.put("format", FORMAT);
    if (snapshot == null) {
      node.putNull("snapshot");
    } else {
      node.put("snapshot", snapshot);
    }
    ArrayNode list = node.putArray("logs");
    logs.forEach(list::add);
    byte[] bytes = JSON.writeValueAsBytes(node);
    Path target = directory.resolve(FILE);
    Path tmp = directory.resolve(FILE + ".tmp");
    try (FileChannel ch = FileChannel.open(tmp, Set.of(StandardOpenOption.CREATE,
        StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE), attributes)) {
      ByteBuffer b = ByteBuffer.wrap(bytes);
      while (b.hasRemaining()) {
        ch.write(b);
      }
      if (fsync) {
        ch.force(true);
      }
    } catch (IOException e) {
      Files.deleteIfExists(tmp);
      throw e;
    }
    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }
}

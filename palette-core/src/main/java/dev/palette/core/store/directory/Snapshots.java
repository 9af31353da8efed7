package dev.palette.core.store.directory;

import dev.palette.core.store.directory.EntryCodec.Op;
import dev.palette.error.PaletteException;
import dev.palette.spi.StoredRecord;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Snapshot files: every record as of one revision, a header frame then one frame per record. A
 * snapshot is written to a temp file, flushed and renamed into place; once the manifest lists it,
 * the logs and snapshots it makes redundant are removed (compaction).
 */
final class Snapshots {
  private static final int FORMAT = 1;

  private final StoreFiles files;
  private final EntryDecoder decoder;

  Snapshots(StoreFiles files, EntryDecoder decoder) {
    this.files = files;
    this.decoder = decoder;
  }

  /** Writes the snapshot of {@code records} at {@code at}, lists it, and removes older files. */
  void write(long at, List<StoredRecord> records, ManifestKeeper manifest) throws IOException {
    Path target = files.snapshotPath(at);
    Path tmp = files.resolve(target.getFileName() + StoreFiles.TMP_SUFFIX);
    try (FileChannel ch = files.open(tmp, StandardOpenOption.CREATE,
        StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
      OutputStream os = new BufferedOutputStream(Channels.newOutputStream(ch), 1 << 16);
      DataOutputStream out = new DataOutputStream(os);
      writeFrame(out, ("{\"format\":" + FORMAT + ",\"revision\":" + at + ",\"count\":"
          + records.size() + "}").getBytes(StandardCharsets.UTF_8));
      for (StoredRecord r : records) {
        writeFrame(out, decoder.encode(Op.CREATE, r));
      }
      out.flush();
      if (files.fsync) {
        ch.force(true);
      }
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(tmp);
      throw e;
    }
    try {
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.deleteIfExists(tmp);
      throw e;
    }
    files.syncDirectory();
    manifest.change(m -> {
      List<String> remaining = new ArrayList<>();
      for (String name : m.logs()) {
        if (StoreFiles.number(files.resolve(name)) >= at) {
          remaining.add(name);
        }
      }
      return m.withSnapshot(StoreFiles.fileName(target), remaining);
    });
    // The snapshot holds everything up to `at`; older snapshots and logs are now redundant.
    for (Path p : files.list()) {
      long n = StoreFiles.number(p);
      if ((StoreFiles.isLog(p) || StoreFiles.isSnapshot(p)) && n < at) {
        Files.deleteIfExists(p);
      }
    }
    files.syncDirectory();
  }

  /** Loads a snapshot into {@code into}; returns the revision it holds. */
  long load(Path file, Index.Loaded into) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      Frames.Reader in = new Frames.Reader(
          new BufferedInputStream(Channels.newInputStream(ch), 1 << 16), ch.size());
      long at;
      long count;
      try {
        byte[] header = in.next();
        if (header == null) {
          throw new Frames.BadFrame(0, "the file is empty");
        }
        String h = new String(header, StandardCharsets.UTF_8);
        if (!h.startsWith("{\"format\":" + FORMAT + ",")) {
          throw new Frames.BadFrame(0, "unknown snapshot format");
        }
        at = longField(h, "revision");
        count = longField(h, "count");
        if (at != StoreFiles.number(file)) {
          throw new Frames.BadFrame(0, "it holds revision " + at + ", not the one its name says");
        }
        for (long i = 0; i < count; i++) {
          byte[] payload = in.next();
          if (payload == null) {
            throw new Frames.BadFrame(in.offset(), "the file ends after " + i + " of " + count
                + " records");
          }
          into.apply(Op.CREATE, decoder.decode(payload, file, in.frameStart()).record());
        }
        if (in.next() != null) {
          throw new Frames.BadFrame(in.frameStart(), "data follows the last record");
        }
      } catch (Frames.BadFrame e) {
        throw new PaletteException("snapshot " + file + " is damaged at offset " + e.offset + " ("
            + e.getMessage() + "); restore the store directory from a backup");
      }
      return at;
    }
  }

  private static long longField(String json, String field) throws Frames.BadFrame {
    String marker = "\"" + field + "\":";
    int i = json.indexOf(marker);
    if (i < 0) {
      throw new Frames.BadFrame(0, "the header lacks " + field);
    }
    int start = i + marker.length();
    int end = start;
    while (end < json.length() && Character.isDigit(json.charAt(end))) {
      end++;
    }
    try {
      return Long.parseLong(json.substring(start, end));
    } catch (NumberFormatException e) {
      throw new Frames.BadFrame(0, "the header's " + field + " is not a number");
    }
  }

  private static void writeFrame(DataOutputStream out, byte[] payload) throws IOException {
    out.writeInt(payload.length);
    out.writeInt(Frames.crc(payload, 0, payload.length));
    out.write(payload);
  }
}

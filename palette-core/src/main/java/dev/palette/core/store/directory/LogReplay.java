package dev.palette.core.store.directory;

import dev.palette.core.store.directory.EntryCodec.Entry;
import dev.palette.core.store.directory.EntryCodec.Op;
import dev.palette.spi.StoreEvent;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads committed changes back from the logs the manifest lists, for a watch that starts at an
 * earlier revision. The logs hold every change since the last snapshot; older ones are gone.
 */
final class LogReplay {
  private final StoreFiles files;
  private final EntryDecoder decoder;
  private final ManifestKeeper manifest;

  LogReplay(StoreFiles files, EntryDecoder decoder, ManifestKeeper manifest) {
    this.files = files;
    this.decoder = decoder;
    this.manifest = manifest;
  }

  /** Whether the logs still hold every change after {@code from}. */
  boolean canReplay(long from) {
    List<String> logs = manifest.current().logs();
    return !logs.isEmpty() && StoreFiles.number(files.resolve(logs.get(0))) <= from;
  }

  /**
   * Hands every change with a revision in {@code (from, to]} to {@code sink}, in order. Only
   * committed changes are asked for, so every one is a whole entry.
   *
   * @throws IOException when a log cannot be read (compaction removed it meanwhile, or damage)
   */
  void replay(long from, long to, Consumer<StoreEvent> sink) throws IOException {
    long next = from;
    for (String name : manifest.current().logs()) {
      Path file = files.resolve(name);
      if (next >= to) {
        return;
      }
      try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
        Frames.Reader in = new Frames.Reader(
            new BufferedInputStream(Channels.newInputStream(ch), 1 << 16), ch.size());
        while (next < to) {
          byte[] payload;
          try {
            payload = in.next();
          } catch (Frames.BadFrame bad) {
            throw new IOException("store log " + file + " cannot be read at offset " + bad.offset
                + ": " + bad.getMessage());
          }
          if (payload == null) {
            break;
          }
          Entry e = decoder.decode(payload, file, in.frameStart());
          long rev = e.record().revision();
          if (rev > next && rev <= to) {
            sink.accept(new StoreEvent(type(e.op()), e.record()));
            next = rev;
          }
        }
      }
    }
    if (next < to) {
      throw new IOException("the logs of store " + files.directory + " end at revision " + next
          + ", before revision " + to);
    }
  }

  static StoreEvent.Type type(Op op) {
    return switch (op) {
      case CREATE -> StoreEvent.Type.CREATED;
      case UPDATE -> StoreEvent.Type.UPDATED;
      case DELETE -> StoreEvent.Type.DELETED;
    };
  }
}

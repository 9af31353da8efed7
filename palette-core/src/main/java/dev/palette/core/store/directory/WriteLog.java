package dev.palette.core.store.directory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The log the store appends to: a batch of entries goes out in one write and, when the store
 * flushes, one {@link FileChannel#force}. Used by the committer thread alone.
 */
final class WriteLog {
  private static final Logger LOG = LoggerFactory.getLogger(WriteLog.class);

  private final boolean fsync;
  private FileChannel channel;
  private long entries;
  private ByteBuffer buffer = ByteBuffer.allocate(1 << 16);

  WriteLog(FileChannel channel, long entries, boolean fsync) {
    this.channel = channel;
    this.entries = entries;
    this.fsync = fsync;
  }

  /** Starts a batch. */
  void begin() {
    buffer.clear();
  }

  /** Adds one entry to the batch. */
  void add(byte[] payload) {
    buffer = Frames.append(buffer, payload);
  }

  /** Writes the batch and flushes it: every entry in it is durable once this returns. */
  void commit(int count) throws IOException {
    buffer.flip();
    while (buffer.hasRemaining()) {
      channel.write(buffer);
    }
    if (fsync) {
      channel.force(false);
    }
    entries += count;
  }

  /** How many entries the current log file holds. */
  long entries() {
    return entries;
  }

  /** Appends to {@code next} from now on; the previous file is closed. */
  void switchTo(FileChannel next) {
    FileChannel old = channel;
    channel = next;
    entries = 0;
    try {
      old.close();
    } catch (IOException e) {
      LOG.debug("closing a previous store log failed: {}", e.toString());
    }
  }

  /** Flushes (unless {@code flush} is false, after a failed write) and closes the file. */
  void close(boolean flush) throws IOException {
    try {
      if (fsync && flush) {
        channel.force(false);
      }
    } finally {
      channel.close();
    }
  }
}

package dev.palette.core.store.directory;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import dev.palette.spi.StoredRecord;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the logs short: once the log holds the threshold of entries, and at least half as many as
 * there are records, the committer starts a new log and a background thread writes the snapshot of
 * the records up to then, after which the older files are removed.
 */
final class Compactor {
  private static final Logger LOG = LoggerFactory.getLogger(Compactor.class);

  private final StoreFiles files;
  private final int threshold;
  private final ManifestKeeper manifest;
  private final Snapshots snapshots;
  private volatile boolean running;
  private volatile Thread thread;

  Compactor(StoreFiles files, int threshold, ManifestKeeper manifest, Snapshots snapshots) {
    this.files = files;
    this.threshold = threshold;
    this.manifest = manifest;
    this.snapshots = snapshots;
  }

  /**
   * Called by the committer after a batch. A snapshot rewrites every record, so it waits for log
   * entries to reach half the record count: snapshot work stays proportional to the writes (at
   * most twice), whatever the store's size.
   */
  void afterBatch(WriteLog log, Index index) {
    if (log.entries() >= Math.max(threshold, index.size() / 2) && !running) {
      rotate(log, index);
    }
  }

  // A new log takes the following writes at once; the snapshot of the records up to now is written
  // on its own thread so writers do not wait for it.
  private void rotate(WriteLog log, Index index) {
    long at = index.revision();
    Path next = files.logPath(at);
    FileChannel fresh;
    try {
      fresh = files.open(next, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    } catch (IOException e) {
      LOG.warn("store {} could not start a new log at revision {}: {}; it keeps the old one",
          files.directory, at, e.toString());
      return;
    }
    try {
      files.syncDirectory();
      // Listed before it takes a write: a log that holds changes is never missing from the manifest.
      manifest.change(m -> m.withLog(StoreFiles.fileName(next)));
    } catch (IOException | RuntimeException e) {
      // The empty log stays, listed or not: either way it is harmless, and deleting a listed file
      // would make the next open fail.
      LOG.warn("store {} could not list a new log at revision {}: {}; it keeps the old one",
          files.directory, at, e.toString());
      try {
        fresh.close();
      } catch (IOException closing) {
        LOG.debug("closing an unused store log failed: {}", closing.toString());
      }
      return;
    }
    log.switchTo(fresh);
    List<StoredRecord> records = index.records();
    running = true;
    Thread t = new Thread(() -> {
      try {
        snapshots.write(at, records, manifest);
      } catch (IOException | RuntimeException e) {
        LOG.warn("store {} could not write a snapshot at revision {}: {}; the logs keep every"
            + " change", files.directory, at, e.toString());
      } finally {
        running = false;
      }
    }, "palette-store-snapshot " + files.directory);
    t.setDaemon(true);
    thread = t;
    t.start();
  }

  /** Waits for a running snapshot to finish. */
  void awaitIdle() {
    Thread t = thread;
    if (t != null) {
      Threads.joinQuietly(t);
    }
  }
}

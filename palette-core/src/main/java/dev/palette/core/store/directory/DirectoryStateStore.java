package dev.palette.core.store.directory;

import dev.palette.Subscription;
import dev.palette.core.store.StoreKeys;
import dev.palette.core.store.directory.Committer.Write;
import dev.palette.error.PaletteException;
import dev.palette.spi.Listing;
import dev.palette.spi.RecordQuery;
import dev.palette.spi.StateStore;
import dev.palette.spi.StoreListener;
import dev.palette.spi.StoredRecord;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import javax.crypto.SecretKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A durable store in a directory: a write-ahead log plus snapshots, with an exclusive lock.
 *
 * <p>Layout of the directory:
 *
 * <ul>
 *   <li>{@code lock} — held while the store is open, so a second store (in this or another
 *       process) cannot open the same directory ({@link StoreLock});
 *   <li>{@code manifest} — the snapshot and the logs that hold the store, so that a missing one
 *       fails the open, naming it ({@link Manifest});
 *   <li>{@code wal-<R>.log} — the log of every change after revision {@code R}, one frame per
 *       change (length, CRC32, the operation and the record: {@link EntryCodec});
 *   <li>{@code snapshot-<R>.snap} — every record as of revision {@code R} ({@link Snapshots}).
 * </ul>
 *
 * <p>The directory is created owner-only (0700) and every file in it is owner-only (0600) where the
 * file system has POSIX permissions. A record's secrets are sealed with AES-GCM under the key of
 * {@link Options#secretKey()}; a store without a key refuses to keep secrets.
 *
 * <p>A write returns only after its log entry is on disk ({@link FileChannel#force}); concurrent
 * writes share one flush ({@link Committer}). Listeners are called on one event thread, in revision
 * order, only after the change is durable; a watch from an earlier revision is replayed from the
 * logs, which hold every change since the last snapshot ({@link Dispatcher}). Snapshots and
 * compaction run in the background ({@link Compactor}); an open recovers the records and cuts off a
 * torn last write ({@link Recovery}).
 *
 * <p>Record bodies and statuses are opaque and never appear in messages or logs: they may hold
 * secrets.
 */
public final class DirectoryStateStore implements StateStore {
  private static final Logger LOG = LoggerFactory.getLogger(DirectoryStateStore.class);

  /** The name of the lock file inside the store directory. */
  public static final String LOCK_FILE = StoreLock.FILE;

  /**
   * How a directory store behaves.
   *
   * @param snapshotThreshold how many entries the log may hold before the store writes a snapshot
   *     and starts a new log
   * @param fsync whether writes are flushed to disk before they are acknowledged; turn it off only
   *     for tests and throwaway data
   * @param secretKey the AES key (16, 24 or 32 bytes) that seals records' secrets, or {@code null}:
   *     then the store refuses records with secrets
   */
  public record Options(int snapshotThreshold, boolean fsync, SecretKey secretKey) {
    /** Validates the options. */
    public Options {
      if (snapshotThreshold < 1) {
        throw new IllegalArgumentException(
            "snapshotThreshold must be at least 1 but is " + snapshotThreshold);
      }
      if (secretKey != null) {
        SecretCipher.check(secretKey);
      }
    }

    /** Options without a secret key. */
    public Options(int snapshotThreshold, boolean fsync) {
      this(snapshotThreshold, fsync, null);
    }

    /** A snapshot every 10,000 log entries, every write flushed to disk, and no secret key. */
    public static Options defaults() {
      return new Options(10_000, true, null);
    }

    /** These options with another snapshot threshold. */
    public Options withSnapshotThreshold(int entries) {
      return new Options(entries, fsync, secretKey);
    }

    /** These options with flushing turned on or off. */
    public Options withFsync(boolean flush) {
      return new Options(snapshotThreshold, flush, secretKey);
    }

    /** These options with a key to seal secrets with, or {@code null} for none. */
    public Options withSecretKey(SecretKey key) {
      return new Options(snapshotThreshold, fsync, key);
    }

    @Override
    public String toString() {
      // The key never goes into a string.
      return "Options[snapshotThreshold=" + snapshotThreshold + ", fsync=" + fsync + ", secretKey="
          + (secretKey == null ? "none" : "set") + "]";
    }
  }

  private final Path directory;
  private final StoreLock lock;
  private final EntryDecoder codec;
  private final Index index;
  private final WriteLog log;
  private final Compactor compactor;
  private final Dispatcher dispatcher;
  private final Committer committer;
  // Orders "apply a batch and queue its events" against "register a watcher at a revision".
  private final Object publishLock = new Object();
  // Writers enqueue under the read lock, close() flips the flag under the write lock: no request
  // is queued after the committer's last one.
  private final ReadWriteLock gate = new ReentrantReadWriteLock();
  private volatile boolean closed;

  private DirectoryStateStore(Path directory, Options options) {
    this.directory = directory;
    StoreFiles files = new StoreFiles(directory, options.fsync());
    this.codec = new EntryDecoder(directory,
        options.secretKey() == null ? null : SecretCipher.of(options.secretKey()));
    Snapshots snapshots = new Snapshots(files, codec);
    this.lock = StoreLock.acquire(files);
    Recovery.Recovered rec;
    try {
      rec = new Recovery(files, codec, snapshots).recover();
    } catch (IOException | RuntimeException e) {
      lock.release();
      if (e instanceof PaletteException) {
        throw (PaletteException) e;
      }
      throw new PaletteException("cannot open store directory " + directory + ": " + e, e);
    }
    ManifestKeeper manifest = new ManifestKeeper(files, rec.manifest());
    this.index = new Index(rec.loaded(), rec.revision());
    this.log = new WriteLog(rec.log(), rec.logEntries(), options.fsync());
    this.compactor = new Compactor(files, options.snapshotThreshold(), manifest, snapshots);
    this.dispatcher = new Dispatcher(this, new LogReplay(files, codec, manifest),
        "palette-store-events " + directory);
    this.committer = new Committer(this, codec, index, log, compactor, dispatcher, publishLock,
        "palette-store-commit " + directory);
    committer.start();
    dispatcher.start();
  }

  /** Opens the store in {@code directory} with {@link Options#defaults()}, creating it if absent. */
  public static DirectoryStateStore open(Path directory) {
    return open(directory, Options.defaults());
  }

  /**
   * Opens the store in {@code directory}, creating the directory (owner-only) if absent, and
   * recovers its records.
   *
   * @throws PaletteException when the directory is in use by another store, a file it needs is
   *     missing, its files are damaged other than by a torn last write, or its secrets were sealed
   *     under another key than the one supplied (or none was)
   */
  public static DirectoryStateStore open(Path directory, Options options) {
    Path dir = directory.toAbsolutePath().normalize();
    try {
      if (!Files.isDirectory(dir) && dir.getParent() != null) {
        Files.createDirectories(dir.getParent());
        try {
          if (StoreFiles.ownerOnly(dir.getParent())) {
            Files.createDirectory(dir,
                PosixFilePermissions.asFileAttribute(StoreFiles.OWNER_ONLY_DIRECTORY));
          } else {
            Files.createDirectory(dir);
          }
        } catch (FileAlreadyExistsException e) {
          // Created by someone else meanwhile; the lock decides who may use it.
        }
      }
      // One key per directory however it is named, so the registry of held directories holds.
      dir = dir.toRealPath();
    } catch (IOException e) {
      throw new PaletteException("cannot create store directory " + dir + ": " + e, e);
    }
    return new DirectoryStateStore(dir, options);
  }

  /** The directory this store keeps its files in. */
  public Path directory() {
    return directory;
  }

  @Override
  public Optional<StoredRecord> get(String kind, String id) {
    ensureOpen();
    StoredRecord r = index.get(id);
    return r != null && r.kind().equals(kind) ? Optional.of(r) : Optional.empty();
  }

  @Override
  public Optional<StoredRecord> getByName(String kind, String project, String name) {
    ensureOpen();
    String id = index.idByName(StoreKeys.nameKey(kind, project, name));
    return Optional.ofNullable(id == null ? null : index.get(id));
  }

  @Override
  public Listing list(RecordQuery query) {
    ensureOpen();
    return index.list(query);
  }

  @Override
  public long revision() {
    ensureOpen();
    return index.revision();
  }

  @Override
  public StoredRecord create(StoredRecord record) {
    return submit(new Write(Write.Kind.CREATE, record, record.kind(), record.id(), 0));
  }

  @Override
  public StoredRecord update(StoredRecord record, long expectedRevision) {
    return submit(new Write(Write.Kind.UPDATE, record, record.kind(), record.id(),
        expectedRevision));
  }

  @Override
  public StoredRecord updateStatus(StoredRecord record, long expectedRevision) {
    return submit(new Write(Write.Kind.STATUS, record, record.kind(), record.id(),
        expectedRevision));
  }

  @Override
  public void delete(String kind, String id, long expectedRevision) {
    submit(new Write(Write.Kind.DELETE, null, kind, id, expectedRevision));
  }

  @Override
  public Subscription watch(long fromRevision, StoreListener listener) {
    ensureOpen();
    synchronized (publishLock) {
      return dispatcher.watch(fromRevision, index.revision(), listener);
    }
  }

  /**
   * Flushes, stops the store's threads, waits for a running snapshot and releases the lock. Calling
   * it again does nothing; any other call after it throws {@link IllegalStateException}.
   */
  @Override
  public void close() {
    gate.writeLock().lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
    } finally {
      gate.writeLock().unlock();
    }
    committer.stop();
    compactor.awaitIdle();
    dispatcher.stop();
    try {
      log.close(committer.failure() == null);
    } catch (IOException e) {
      LOG.warn("closing the log of store {} failed: {}", directory, e.toString());
    } finally {
      lock.release();
    }
  }

  @Override
  public String toString() {
    return "DirectoryStateStore[" + directory + ", revision=" + index.revision() + "]";
  }

  private StoredRecord submit(Write w) {
    // A status write keeps the stored secrets, so only the records that carry new ones are checked.
    if (w.kind != Write.Kind.STATUS) {
      codec.checkCanKeep(w.record);
    }
    gate.readLock().lock();
    try {
      ensureOpen();
      PaletteException f = committer.failure();
      if (f != null) {
        throw new PaletteException(f.getMessage(), f);
      }
      committer.submit(w);
    } finally {
      gate.readLock().unlock();
    }
    try {
      return w.result.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException) {
        throw (RuntimeException) e.getCause();
      }
      throw e;
    }
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("the store in " + directory + " is closed; open it again");
    }
  }
}

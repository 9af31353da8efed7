package dev.palette.core.store;

import dev.palette.Subscription;
import dev.palette.core.store.RecordCodec.Entry;
import dev.palette.core.store.RecordCodec.Op;
import dev.palette.error.ConflictException;
import dev.palette.error.NotFoundException;
import dev.palette.error.PaletteException;
import dev.palette.spi.RecordQuery;
import dev.palette.spi.StateStore;
import dev.palette.spi.StoreEvent;
import dev.palette.spi.StoredRecord;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javax.crypto.SecretKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A durable store in a directory: a write-ahead log plus snapshots, with an exclusive lock.
 *
 * <p>Layout of the directory:
 *
 * <ul>
 *   <li>{@code lock} — held with {@link FileChannel#tryLock()} while the store is open, so a second
 *       store (in this or another process) cannot open the same directory. A POSIX lock belongs to
 *       the process and closing any channel on the file drops it, so within one JVM a registry of
 *       held directories refuses a second open before it touches the file; nothing else may open it;
 *   <li>{@code manifest} — the snapshot and the logs that hold the store, so that a missing one
 *       fails the open, naming it;
 *   <li>{@code wal-<R>.log} — the log of every change after revision {@code R}, one frame per
 *       change (length, CRC32, JSON payload with the operation and the record);
 *   <li>{@code snapshot-<R>.snap} — every record as of revision {@code R}.
 * </ul>
 *
 * <p>The directory is created owner-only (0700) and every file in it is owner-only (0600) where the
 * file system has POSIX permissions. A record's secrets are sealed with AES-GCM under the key of
 * {@link Options#secretKey()}; a store without a key refuses to keep secrets.
 *
 * <p>A write returns only after its log entry is on disk ({@link FileChannel#force}). Concurrent
 * writes are committed in groups by one committer thread, so one flush acknowledges many writes.
 * Watchers are called on one event thread, in revision order, only after the change is durable.
 * Once the log holds {@link Options#snapshotThreshold()} entries, and at least half as many as there
 * are records, the store starts a new log and
 * writes a snapshot in the background (temp file, flush, atomic rename), then removes the old log.
 *
 * <p>On open the snapshot is loaded and the logs replayed, as the manifest lists them. A damaged
 * last entry (a write torn by a crash) is cut off; damage followed by whole entries, a missing file,
 * or a change to a record no earlier entry created fails the open with the file and offset. Nothing
 * is changed on disk until the whole store has been read, so a failed open (a wrong key, damage)
 * leaves the files as they were.
 *
 * <p>Record bodies are opaque and never appear in messages or logs: they may hold secrets.
 */
public final class DirectoryStateStore implements StateStore {
  private static final Logger LOG = LoggerFactory.getLogger(DirectoryStateStore.class);

  /** The name of the lock file inside the store directory. */
  public static final String LOCK_FILE = "lock";

  private static final String LOG_PREFIX = "wal-";
  private static final String LOG_SUFFIX = ".log";
  private static final String SNAP_PREFIX = "snapshot-";
  private static final String SNAP_SUFFIX = ".snap";
  private static final String TMP_SUFFIX = ".tmp";
  private static final int SNAPSHOT_FORMAT = 1;
  private static final int MAX_BATCH = 4096;
  private static final Object POISON = new Object();

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

  /** How to give a store a key, for messages that ask for one. */
  static final String HOW_TO_SUPPLY_A_KEY = "supply one with Palette.builder().secretKeyFile(path)"
      + " or .secretKeyFromEnv(\"PALETTE_SECRET_KEY\") (the key in base64: 32 random bytes, for"
      + " example from `openssl rand -base64 32`), or .secretKey(bytes); a store opened directly"
      + " takes DirectoryStateStore.Options.withSecretKey(key)";

  // Directories held open by a store of this JVM. Checked before a channel is opened on a lock file,
  // since closing any channel on it would drop the lock this process holds.
  private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();
  // Channels that found the lock held by this JVM through another class loader: closing one would
  // release that holder's lock, so they are kept open until the JVM exits.
  private static final List<FileChannel> PARKED = new CopyOnWriteArrayList<>();
  private static final Set<PosixFilePermission> OWNER_ONLY_FILE =
      PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY =
      PosixFilePermissions.fromString("rwx------");

  private final Path directory;
  private final Options options;
  private final SecretCipher cipher;
  private final FileAttribute<?>[] fileAttributes;
  private final FileChannel lockChannel;
  private final FileLock lock;
  // The files that hold the store; replaced by the committer (new log) and the snapshot thread.
  private final Object manifestLock = new Object();
  private Manifest manifest;

  // Committed state: written only by the committer thread, read by any thread.
  private final Map<String, StoredRecord> byId;
  private final Map<String, String> idByName;
  // Per kind, records sorted by project then name (key: project NUL name).
  private final Map<String, NavigableMap<String, StoredRecord>> byKind;
  private volatile long revision;

  // Owned by the committer thread: uncommitted changes of the batch being written (null = deleted).
  private final Map<String, StoredRecord> pendingById = new HashMap<>();
  private final Map<String, String> pendingIdByName = new HashMap<>();
  private long headRevision;
  private FileChannel log;
  private long logEntries;
  private ByteBuffer batchBuffer = ByteBuffer.allocate(1 << 16);

  private final BlockingQueue<Object> requests = new LinkedBlockingQueue<>();
  private final BlockingQueue<Object> events = new LinkedBlockingQueue<>();
  private final List<Watcher> watchers = new CopyOnWriteArrayList<>();
  // Orders "set revision and queue events" against "register a watcher at a revision".
  private final Object publishLock = new Object();
  // Writers enqueue under the read lock, close() flips the flag under the write lock: no request
  // is queued after the committer's last one.
  private final ReadWriteLock gate = new ReentrantReadWriteLock();
  private volatile boolean closed;
  private volatile PaletteException failure;
  private volatile boolean snapshotRunning;
  private volatile Thread snapshotThread;
  private final Thread committer;
  private final Thread dispatcher;

  private DirectoryStateStore(Path directory, Options options) {
    this.directory = directory;
    this.options = options;
    this.cipher = options.secretKey() == null ? null : SecretCipher.of(options.secretKey());
    this.fileAttributes = ownerOnly(directory)
        ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE)}
        : new FileAttribute<?>[0];
    Path lockPath = directory.resolve(LOCK_FILE);
    if (!HELD.add(directory)) {
      throw inUseInThisJvm(lockPath);
    }
    FileChannel lc = null;
    FileLock fl = null;
    Recovery rec;
    try {
      lc = create(lockPath, StandardOpenOption.CREATE, StandardOpenOption.READ,
          StandardOpenOption.WRITE);
      try {
        fl = lc.tryLock();
      } catch (OverlappingFileLockException e) {
        PARKED.add(lc);
        lc = null;
        throw inUseInThisJvm(lockPath);
      }
      if (fl == null) {
        throw new PaletteException("store directory " + directory + " is in use: its lock file "
            + lockPath + " is held by another process" + holder(lc)
            + "; stop that process or open another directory");
      }
      lc.truncate(0);
      lc.write(ByteBuffer.wrap(("pid " + ProcessHandle.current().pid() + "\n")
          .getBytes(StandardCharsets.UTF_8)), 0);
      rec = recover();
    } catch (IOException | RuntimeException e) {
      closeQuietly(fl, lc);
      HELD.remove(directory);
      if (e instanceof PaletteException) {
        throw (PaletteException) e;
      }
      throw new PaletteException("cannot open store directory " + directory + ": " + e, e);
    }
    this.lockChannel = lc;
    this.lock = fl;
    // Built in bulk from the recovered maps: far cheaper than inserting record by record.
    this.byId = new ConcurrentHashMap<>(rec.byId);
    this.idByName = new ConcurrentHashMap<>(rec.idByName);
    this.byKind = new ConcurrentHashMap<>();
    for (Map.Entry<String, NavigableMap<String, StoredRecord>> e : rec.byKind.entrySet()) {
      byKind.put(e.getKey(), new ConcurrentSkipListMap<>(e.getValue()));
    }
    this.committer = new Thread(this::commitLoop, "palette-store-commit " + directory);
    this.dispatcher = new Thread(this::dispatchLoop, "palette-store-events " + directory);
    committer.setDaemon(true);
    dispatcher.setDaemon(true);
    committer.start();
    dispatcher.start();
  }

  private PaletteException inUseInThisJvm(Path lockPath) {
    return new PaletteException("store directory " + directory + " is in use: its lock file "
        + lockPath + " is held by another DirectoryStateStore in this JVM; close that store"
        + " first or open another directory");
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
          if (ownerOnly(dir.getParent())) {
            Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIRECTORY));
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

  // Owner-only permissions where the file system has POSIX permissions; elsewhere none are set.
  private static boolean ownerOnly(Path dir) {
    return dir.getFileSystem().supportedFileAttributeViews().contains("posix");
  }

  private FileChannel create(Path file, OpenOption... openOptions) throws IOException {
    return FileChannel.open(file, Set.of(openOptions), fileAttributes);
  }

  /** The directory this store keeps its files in. */
  public Path directory() {
    return directory;
  }

  // ---------------------------------------------------------------------------------------- reads

  @Override
  public Optional<StoredRecord> get(String kind, String id) {
    ensureOpen();
    StoredRecord r = byId.get(id);
    return r != null && r.kind().equals(kind) ? Optional.of(r) : Optional.empty();
  }

  @Override
  public Optional<StoredRecord> getByName(String kind, String project, String name) {
    ensureOpen();
    String id = idByName.get(MemoryStateStore.nameKey(kind, project, name));
    return Optional.ofNullable(id == null ? null : byId.get(id));
  }

  @Override
  public List<StoredRecord> list(RecordQuery query) {
    ensureOpen();
    NavigableMap<String, StoredRecord> ofKind = byKind.get(query.kind());
    if (ofKind == null) {
      return List.of();
    }
    NavigableMap<String, StoredRecord> range = query.project() == null
        ? ofKind
        : ofKind.subMap(query.project() + '\u0000', true, query.project() + '\u0001', false);
    List<StoredRecord> out = new ArrayList<>();
    for (StoredRecord r : range.values()) {
      if (query.matches(r)) {
        out.add(r);
      }
    }
    return out;
  }

  @Override
  public long revision() {
    ensureOpen();
    return revision;
  }

  // --------------------------------------------------------------------------------------- writes

  @Override
  public StoredRecord create(StoredRecord record) {
    return submit(new Write(Op.CREATE, record, record.kind(), record.id(), 0));
  }

  @Override
  public StoredRecord update(StoredRecord record, long expectedRevision) {
    return submit(new Write(Op.UPDATE, record, record.kind(), record.id(), expectedRevision));
  }

  @Override
  public void delete(String kind, String id, long expectedRevision) {
    submit(new Write(Op.DELETE, null, kind, id, expectedRevision));
  }

  @Override
  public Subscription watch(Consumer<StoreEvent> listener) {
    ensureOpen();
    Watcher w = new Watcher(listener);
    synchronized (publishLock) {
      w.after = revision;
      watchers.add(w);
    }
    return () -> {
      w.active = false;
      watchers.remove(w);
    };
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
      requests.add(POISON);
    } finally {
      gate.writeLock().unlock();
    }
    joinQuietly(committer);
    Thread snap = snapshotThread;
    if (snap != null) {
      joinQuietly(snap);
    }
    events.add(POISON);
    if (Thread.currentThread() != dispatcher) {
      joinQuietly(dispatcher);
    }
    try {
      if (log != null) {
        if (options.fsync() && failure == null) {
          log.force(false);
        }
        log.close();
      }
    } catch (IOException e) {
      LOG.warn("closing the log of store {} failed: {}", directory, e.toString());
    } finally {
      closeQuietly(lock, lockChannel);
      HELD.remove(directory);
    }
  }

  @Override
  public String toString() {
    return "DirectoryStateStore[" + directory + ", revision=" + revision + "]";
  }

  private StoredRecord submit(Write w) {
    if (w.record != null && w.record.hasSecrets() && cipher == null) {
      throw new PaletteException("store directory " + directory + " has no secret key, so it cannot"
          + " keep the secrets of " + w.record.describe() + " and wrote nothing; "
          + HOW_TO_SUPPLY_A_KEY);
    }
    gate.readLock().lock();
    try {
      ensureOpen();
      PaletteException f = failure;
      if (f != null) {
        throw new PaletteException(f.getMessage(), f);
      }
      requests.add(w);
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

  // ------------------------------------------------------------------------------- commit thread

  private void commitLoop() {
    List<Object> batch = new ArrayList<>();
    boolean stop = false;
    while (!stop) {
      try {
        batch.add(requests.take());
      } catch (InterruptedException e) {
        continue; // Only close() ends this thread, through the poison request.
      }
      requests.drainTo(batch, MAX_BATCH - 1);
      List<Write> writes = new ArrayList<>(batch.size());
      for (Object o : batch) {
        if (o == POISON) {
          stop = true;
        } else {
          writes.add((Write) o);
        }
      }
      batch.clear();
      try {
        commit(writes);
      } catch (RuntimeException | Error e) {
        // A bug must not leave writers waiting forever.
        for (Write w : writes) {
          w.result.completeExceptionally(e);
        }
        LOG.error("the committer of store {} failed", directory, e);
      }
    }
  }

  private void commit(List<Write> writes) {
    List<Write> accepted = new ArrayList<>(writes.size());
    PaletteException broken = failure;
    batchBuffer.clear();
    for (Write w : writes) {
      if (broken != null) {
        w.error = new PaletteException(broken.getMessage(), broken);
        continue;
      }
      try {
        validate(w);
        batchBuffer = Frames.append(batchBuffer, RecordCodec.encode(w.op, w.stored, cipher));
        accepted.add(w);
      } catch (RuntimeException e) {
        w.error = e;
      }
    }
    if (!accepted.isEmpty()) {
      try {
        batchBuffer.flip();
        while (batchBuffer.hasRemaining()) {
          log.write(batchBuffer);
        }
        if (options.fsync()) {
          log.force(false);
        }
      } catch (IOException e) {
        // Part of the batch may be on disk; stop writing so the log ends at most in a torn entry.
        failure = new PaletteException("store " + directory + " could not write its log: " + e
            + "; no write is accepted any more; close the store and open it again", e);
        for (Write w : accepted) {
          w.error = new PaletteException(failure.getMessage(), e);
        }
        accepted.clear();
        headRevision = revision;
      }
      pendingById.clear();
      pendingIdByName.clear();
      publish(accepted);
      logEntries += accepted.size();
    }
    for (Write w : writes) {
      if (w.error != null) {
        w.result.completeExceptionally(w.error);
      } else {
        w.result.complete(w.stored);
      }
    }
    // A snapshot rewrites every record, so wait for log entries to reach half the record count:
    // snapshot work stays proportional to the writes (at most twice), whatever the store's size.
    if (logEntries >= Math.max(options.snapshotThreshold(), byId.size() / 2) && !snapshotRunning
        && failure == null) {
      rotate();
    }
  }

  private void validate(Write w) {
    StoredRecord current = head(w.id);
    if (w.op == Op.CREATE) {
      StoredRecord r = w.record;
      if (current != null) {
        throw new ConflictException(r.describe() + ": id " + r.id() + " is taken");
      }
      if (headIdByName(MemoryStateStore.nameKey(r)) != null) {
        throw new ConflictException(r.describe() + " already exists; pick another name");
      }
      w.stored = r.withRevision(++headRevision);
      pendingById.put(r.id(), w.stored);
      pendingIdByName.put(MemoryStateStore.nameKey(r), r.id());
      return;
    }
    if (current == null || !current.kind().equals(w.kind)) {
      throw new NotFoundException(w.kind + " with id " + w.id + " does not exist");
    }
    if (current.revision() != w.expected) {
      throw new ConflictException(current.describe() + " changed: expected revision " + w.expected
          + " but it is at " + current.revision() + "; read it again and retry");
    }
    if (w.op == Op.UPDATE) {
      if (!MemoryStateStore.nameKey(current).equals(MemoryStateStore.nameKey(w.record))) {
        throw new ConflictException(
            current.describe() + " cannot be renamed or moved to another scope");
      }
      w.stored = w.record.withRevision(++headRevision);
      pendingById.put(w.id, w.stored);
    } else {
      w.stored = current.withRevision(++headRevision);
      pendingById.put(w.id, null);
      pendingIdByName.put(MemoryStateStore.nameKey(current), null);
    }
  }

  private StoredRecord head(String id) {
    return pendingById.containsKey(id) ? pendingById.get(id) : byId.get(id);
  }

  private String headIdByName(String key) {
    return pendingIdByName.containsKey(key) ? pendingIdByName.get(key) : idByName.get(key);
  }

  private void publish(List<Write> accepted) {
    if (accepted.isEmpty()) {
      return;
    }
    List<StoreEvent> batchEvents = new ArrayList<>(accepted.size());
    for (Write w : accepted) {
      apply(w.op, w.stored, byId, idByName, byKind, ConcurrentSkipListMap::new);
      StoreEvent.Type type = w.op == Op.CREATE ? StoreEvent.Type.CREATED
          : w.op == Op.UPDATE ? StoreEvent.Type.UPDATED : StoreEvent.Type.DELETED;
      batchEvents.add(new StoreEvent(type, w.stored));
    }
    synchronized (publishLock) {
      revision = headRevision;
      events.addAll(batchEvents);
    }
  }

  private static void apply(Op op, StoredRecord r, Map<String, StoredRecord> byId,
      Map<String, String> idByName, Map<String, NavigableMap<String, StoredRecord>> byKind,
      Supplier<NavigableMap<String, StoredRecord>> newKind) {
    String key = MemoryStateStore.nameKey(r);
    String sortKey = r.project() + '\u0000' + r.name();
    if (op == Op.DELETE) {
      byId.remove(r.id());
      idByName.remove(key);
      NavigableMap<String, StoredRecord> ofKind = byKind.get(r.kind());
      if (ofKind != null) {
        ofKind.remove(sortKey);
      }
    } else {
      StoredRecord old = byId.put(r.id(), r);
      if (old != null && !MemoryStateStore.nameKey(old).equals(key)) {
        // Only replay of a hand-edited log gets here; the live path refuses renames.
        idByName.remove(MemoryStateStore.nameKey(old));
        byKind.get(old.kind()).remove(old.project() + '\u0000' + old.name());
      }
      idByName.put(key, r.id());
      byKind.computeIfAbsent(r.kind(), k -> newKind.get()).put(sortKey, r);
    }
  }

  // ------------------------------------------------------------------------ snapshot, compaction

  // Runs on the committer: a new log takes the following writes at once, the snapshot of the
  // records up to now is written on its own thread so writers do not wait for it.
  private void rotate() {
    long at = revision;
    Path next = logPath(at);
    FileChannel fresh;
    try {
      fresh = create(next, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    } catch (IOException e) {
      LOG.warn("store {} could not start a new log at revision {}: {}; it keeps the old one",
          directory, at, e.toString());
      return;
    }
    try {
      syncDirectory();
      // Listed before it takes a write: a log that holds changes is never missing from the manifest.
      writeManifest(currentManifest().withLog(fileName(next)));
    } catch (IOException | RuntimeException e) {
      // The empty log stays, listed or not: either way it is harmless, and deleting a listed file
      // would make the next open fail.
      LOG.warn("store {} could not list a new log at revision {}: {}; it keeps the old one",
          directory, at, e.toString());
      closeQuietly(null, fresh);
      return;
    }
    FileChannel old = log;
    log = fresh;
    logEntries = 0;
    try {
      old.close();
    } catch (IOException e) {
      LOG.debug("closing the previous log of store {} failed: {}", directory, e.toString());
    }
    List<StoredRecord> records = new ArrayList<>(byId.values());
    snapshotRunning = true;
    Thread t = new Thread(() -> {
      try {
        writeSnapshot(at, records);
      } catch (IOException | RuntimeException e) {
        LOG.warn("store {} could not write a snapshot at revision {}: {}; the logs keep every"
            + " change", directory, at, e.toString());
      } finally {
        snapshotRunning = false;
      }
    }, "palette-store-snapshot " + directory);
    t.setDaemon(true);
    snapshotThread = t;
    t.start();
  }

  private void writeSnapshot(long at, List<StoredRecord> records) throws IOException {
    Path target = directory.resolve(SNAP_PREFIX + pad(at) + SNAP_SUFFIX);
    Path tmp = directory.resolve(target.getFileName() + TMP_SUFFIX);
    try (FileChannel ch = create(tmp, StandardOpenOption.CREATE,
        StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
      OutputStream os = new BufferedOutputStream(Channels.newOutputStream(ch), 1 << 16);
      DataOutputStream out = new DataOutputStream(os);
      writeFrame(out, ("{\"format\":" + SNAPSHOT_FORMAT + ",\"revision\":" + at + ",\"count\":"
          + records.size() + "}").getBytes(StandardCharsets.UTF_8));
      for (StoredRecord r : records) {
        writeFrame(out, RecordCodec.encode(Op.CREATE, r, cipher));
      }
      out.flush();
      if (options.fsync()) {
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
    syncDirectory();
    synchronized (manifestLock) {
      List<String> remaining = new ArrayList<>();
      for (String name : manifest.logs()) {
        if (number(directory.resolve(name)) >= at) {
          remaining.add(name);
        }
      }
      writeManifest(manifest.withSnapshot(fileName(target), remaining));
    }
    // The snapshot holds everything up to `at`; older snapshots and logs are now redundant.
    for (Path p : files()) {
      long n = number(p);
      if ((isLog(p) || isSnapshot(p)) && n < at) {
        Files.deleteIfExists(p);
      }
    }
    syncDirectory();
  }

  private Manifest currentManifest() {
    synchronized (manifestLock) {
      return manifest;
    }
  }

  // The manifest in memory always lists every file that holds changes, so it is set before the
  // write: if the write fails the next one still lists them.
  private void writeManifest(Manifest next) throws IOException {
    synchronized (manifestLock) {
      manifest = next;
      next.write(directory, options.fsync(), fileAttributes);
      syncDirectory();
    }
  }

  private static void writeFrame(DataOutputStream out, byte[] payload) throws IOException {
    out.writeInt(payload.length);
    out.writeInt(Frames.crc(payload, 0, payload.length));
    out.write(payload);
  }

  // ------------------------------------------------------------------------------------ recovery

  /** The records found on open, in maps that need no locking while one thread fills them. */
  private static final class Recovery {
    final Map<String, StoredRecord> byId = new HashMap<>();
    final Map<String, String> idByName = new HashMap<>();
    final Map<String, NavigableMap<String, StoredRecord>> byKind = new HashMap<>();

    void apply(Op op, StoredRecord r) {
      DirectoryStateStore.apply(op, r, byId, idByName, byKind, TreeMap::new);
    }
  }

  /** What replaying one log found: its whole entries, and where a torn last entry starts (or -1). */
  private record Replayed(long entries, long tornAt) {}

  // Reads everything first and changes nothing on disk until the whole store has been read, so an
  // open that fails (a wrong key, a missing or damaged file) leaves the files as they were.
  private Recovery recover() throws IOException {
    Recovery rec = new Recovery();
    List<Path> all = files();
    Optional<Manifest> found = Manifest.read(directory);
    if (found.isEmpty()) {
      List<String> data = all.stream().filter(p -> isLog(p) || isSnapshot(p))
          .map(DirectoryStateStore::fileName).sorted().toList();
      if (!data.isEmpty()) {
        throw new PaletteException("store directory " + directory + " is missing its manifest "
            + Manifest.FILE + ", which lists the files that hold the store, so it cannot tell"
            + " whether any of " + data + " is missing; restore the store directory from a backup");
      }
    }
    Manifest listed = found.orElse(Manifest.empty());
    checkListedFilesArePresent(listed);
    Set<String> listedNames = Set.copyOf(listed.files());
    long covered = listed.snapshot() == null ? Long.MIN_VALUE
        : number(directory.resolve(listed.snapshot()));
    List<Path> leftovers = new ArrayList<>();
    for (Path p : all) {
      String name = fileName(p);
      if (name.endsWith(TMP_SUFFIX)) {
        leftovers.add(p); // A snapshot or manifest that was never renamed into place is incomplete.
      } else if ((isLog(p) || isSnapshot(p)) && !listedNames.contains(name)) {
        if (isSnapshot(p) || number(p) < covered || Files.size(p) == 0) {
          // Compaction leftovers, a snapshot that was never listed, a new log that was never used.
          leftovers.add(p);
        } else {
          throw new PaletteException("store file " + p + " holds changes but the store's manifest"
              + " does not list it; restore the store directory from a backup, or move the file"
              + " away to open the store without its changes");
        }
      }
    }

    long snapshotAt = 0;
    if (listed.snapshot() != null) {
      snapshotAt = loadSnapshot(directory.resolve(listed.snapshot()), rec);
    }
    revision = snapshotAt;
    List<Path> logs = listed.logs().stream().map(directory::resolve).toList();
    Path last = logs.isEmpty() ? null : logs.get(logs.size() - 1);
    long tornAt = -1;
    for (Path p : logs) {
      revision = Math.max(revision, number(p));
      Replayed r = replay(p, p == last, rec);
      if (p == last) {
        logEntries = r.entries();
        tornAt = r.tornAt();
      }
    }
    headRevision = revision;

    // Everything is read; only now is anything on disk changed.
    for (Path p : leftovers) {
      Files.deleteIfExists(p);
    }
    if (tornAt >= 0) {
      // A torn last write: it was never acknowledged, so cutting it off loses nothing.
      LOG.warn("store log {} ends in a damaged entry at offset {}; cutting it off", last, tornAt);
      try (FileChannel ch = FileChannel.open(last, StandardOpenOption.WRITE)) {
        ch.truncate(tornAt);
        if (options.fsync()) {
          ch.force(true);
        }
      }
    }
    Manifest next = listed;
    if (last == null || number(last) < snapshotAt) {
      last = logPath(revision);
      logEntries = 0;
      log = create(last, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      next = next.withLog(fileName(last));
    } else {
      log = FileChannel.open(last, StandardOpenOption.WRITE);
      log.position(log.size());
    }
    if (found.isEmpty() || next != listed) {
      syncDirectory();
      writeManifest(next);
    } else {
      manifest = listed;
      if (!leftovers.isEmpty()) {
        syncDirectory();
      }
    }
    makeOwnerOnly();
    return rec;
  }

  private void checkListedFilesArePresent(Manifest listed) throws IOException {
    List<String> missing = new ArrayList<>();
    for (String name : listed.files()) {
      Path p = directory.resolve(name);
      boolean wellFormed = name.equals(listed.snapshot()) ? isSnapshot(p) : isLog(p);
      if (!wellFormed || !p.getParent().equals(directory)) {
        throw new PaletteException("the manifest " + directory.resolve(Manifest.FILE)
            + " of the store names '" + name + "', which is not a store file; restore the store"
            + " directory from a backup");
      }
      if (!Files.isRegularFile(p)) {
        missing.add(name.equals(listed.snapshot()) ? "the snapshot " + name : "the log " + name);
      }
    }
    if (!missing.isEmpty()) {
      throw new PaletteException("store directory " + directory + " is missing "
          + String.join(" and ", missing) + ", which its manifest lists; without "
          + (missing.size() == 1 ? "it" : "them") + " the store would open with part of its data."
          + " Restore the store directory from a backup");
    }
  }

  // Files written by an earlier version, or copied in, may have looser permissions than 0600.
  private void makeOwnerOnly() throws IOException {
    if (fileAttributes.length == 0) {
      return;
    }
    for (Path p : files()) {
      String name = fileName(p);
      if ((name.equals(LOCK_FILE) || name.equals(Manifest.FILE) || isLog(p) || isSnapshot(p))
          && !Files.getPosixFilePermissions(p).equals(OWNER_ONLY_FILE)) {
        Files.setPosixFilePermissions(p, OWNER_ONLY_FILE);
      }
    }
  }

  private long loadSnapshot(Path file, Recovery rec) throws IOException {
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
        if (!h.startsWith("{\"format\":" + SNAPSHOT_FORMAT + ",")) {
          throw new Frames.BadFrame(0, "unknown snapshot format");
        }
        at = longField(h, "revision");
        count = longField(h, "count");
        if (at != number(file)) {
          throw new Frames.BadFrame(0, "it holds revision " + at + ", not the one its name says");
        }
        for (long i = 0; i < count; i++) {
          byte[] payload = in.next();
          if (payload == null) {
            throw new Frames.BadFrame(in.offset(), "the file ends after " + i + " of " + count
                + " records");
          }
          rec.apply(Op.CREATE, decode(payload, file, in.frameStart()).record());
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

  /** Replays one log onto the state, without changing the file. */
  private Replayed replay(Path file, boolean isLast, Recovery rec) throws IOException {
    long entries = 0;
    long previous = -1;
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      Frames.Reader in = new Frames.Reader(
          new BufferedInputStream(Channels.newInputStream(ch), 1 << 16), ch.size());
      while (true) {
        byte[] payload;
        try {
          payload = in.next();
        } catch (Frames.BadFrame bad) {
          if (!isLast || Frames.wholeFrameFollows(ch, bad.offset)) {
            throw corrupt(file, bad.offset, bad.getMessage()
                + (isLast ? ", and whole entries follow it" : ", in a log that is not the last"));
          }
          return new Replayed(entries, bad.offset);
        }
        if (payload == null) {
          return new Replayed(entries, -1);
        }
        Entry e = decode(payload, file, in.frameStart());
        long rev = e.record().revision();
        if (rev <= previous) {
          throw corrupt(file, in.frameStart(), "revision " + rev + " does not follow " + previous);
        }
        previous = rev;
        entries++;
        if (rev > revision) {
          checkFollows(e, rec, file, in.frameStart());
          rec.apply(e.op(), e.record());
          revision = rev;
        }
      }
    }
  }

  // An update or delete of a record no earlier entry created means an earlier file is missing.
  private static void checkFollows(Entry e, Recovery rec, Path file, long offset) {
    StoredRecord r = e.record();
    boolean known = rec.byId.containsKey(r.id());
    if (e.op() == Op.CREATE && known) {
      throw corrupt(file, offset, "it creates " + r.describe() + " (id " + r.id()
          + "), which an earlier entry already created");
    }
    if (e.op() != Op.CREATE && !known) {
      throw corrupt(file, offset, "it " + (e.op() == Op.UPDATE ? "updates " : "deletes ")
          + r.describe() + " (id " + r.id() + "), which no earlier entry creates: the snapshot or"
          + " a log before it is missing");
    }
  }

  private Entry decode(byte[] payload, Path file, long offset) {
    try {
      return RecordCodec.decode(payload, cipher);
    } catch (RecordCodec.NoKey e) {
      throw new PaletteException("store directory " + directory + " keeps secrets sealed with a"
          + " secret key (the first in " + file.getFileName() + " at offset " + offset + "), and"
          + " none was supplied; nothing was changed. To open it, " + HOW_TO_SUPPLY_A_KEY);
    } catch (SecretCipher.WrongKey e) {
      throw new PaletteException("the secret key supplied for store directory " + directory
          + " is not the key its secrets were sealed with (they were sealed with the key of id "
          + e.sealedWith + ", the key supplied has id " + e.supplied + "); nothing was changed:"
          + " open it again with the key it was written with");
    } catch (IOException | RuntimeException e) {
      // The parser's message may quote the payload, which may hold secrets: leave it out.
      throw corrupt(file, offset, "the entry's checksum is right but it is not a valid record, or"
          + " its sealed secrets fail authentication");
    }
  }

  private static PaletteException corrupt(Path file, long offset, String reason) {
    return new PaletteException("store file " + file + " is corrupt at offset " + offset + ": "
        + reason + "; restore the store directory from a backup, or move the file away to open"
        + " the store without its changes");
  }

  // ---------------------------------------------------------------------------------- dispatching

  private void dispatchLoop() {
    while (true) {
      Object o;
      try {
        o = events.take();
      } catch (InterruptedException e) {
        continue; // Only close() ends this thread, through the poison event.
      }
      if (o == POISON) {
        return;
      }
      StoreEvent event = (StoreEvent) o;
      for (Watcher w : watchers) {
        if (w.active && event.record().revision() > w.after) {
          try {
            w.listener.accept(event);
          } catch (RuntimeException e) {
            LOG.warn("a watcher of store {} failed on {} {}", directory, event.type(),
                event.record(), e);
          }
        }
      }
    }
  }

  // --------------------------------------------------------------------------------------- files

  private List<Path> files() throws IOException {
    List<Path> out = new ArrayList<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(directory)) {
      ds.forEach(out::add);
    }
    return out;
  }

  private static String fileName(Path p) {
    return p.getFileName().toString();
  }

  private Path logPath(long from) {
    return directory.resolve(LOG_PREFIX + pad(from) + LOG_SUFFIX);
  }

  private static String pad(long n) {
    return String.format("%019d", n);
  }

  private static boolean isLog(Path p) {
    String n = p.getFileName().toString();
    return n.startsWith(LOG_PREFIX) && n.endsWith(LOG_SUFFIX) && number(p) >= 0;
  }

  private static boolean isSnapshot(Path p) {
    String n = p.getFileName().toString();
    return n.startsWith(SNAP_PREFIX) && n.endsWith(SNAP_SUFFIX) && number(p) >= 0;
  }

  /** The revision in a log or snapshot file name, or -1. */
  private static long number(Path p) {
    String n = p.getFileName().toString();
    int dash = n.indexOf('-');
    int dot = n.lastIndexOf('.');
    if (dash < 0 || dot <= dash + 1) {
      return -1;
    }
    try {
      return Long.parseLong(n.substring(dash + 1, dot));
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  // A rename or a new file is durable only once the directory itself is flushed.
  private void syncDirectory() throws IOException {
    if (!options.fsync() || System.getProperty("os.name", "").startsWith("Windows")) {
      return; // Windows cannot open a directory as a channel; NTFS journals the rename.
    }
    try (FileChannel ch = FileChannel.open(directory, StandardOpenOption.READ)) {
      ch.force(true);
    }
  }

  private static String holder(FileChannel lockChannel) {
    try {
      ByteBuffer b = ByteBuffer.allocate(64);
      lockChannel.read(b, 0);
      String s = new String(b.array(), 0, b.position(), StandardCharsets.UTF_8).trim();
      return s.isEmpty() ? "" : " (" + s + ")";
    } catch (IOException | UncheckedIOException e) {
      return "";
    }
  }

  private static void closeQuietly(FileLock lock, FileChannel channel) {
    try {
      if (lock != null && lock.isValid()) {
        lock.release();
      }
    } catch (IOException e) {
      LOG.debug("releasing a store lock failed: {}", e.toString());
    }
    try {
      if (channel != null) {
        channel.close();
      }
    } catch (IOException e) {
      LOG.debug("closing a store lock file failed: {}", e.toString());
    }
  }

  private static void joinQuietly(Thread t) {
    boolean interrupted = false;
    while (true) {
      try {
        t.join();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /** One write waiting for the committer. */
  private static final class Write {
    final Op op;
    final StoredRecord record;
    final String kind;
    final String id;
    final long expected;
    final CompletableFuture<StoredRecord> result = new CompletableFuture<>();
    StoredRecord stored;
    RuntimeException error;

    Write(Op op, StoredRecord record, String kind, String id, long expected) {
      this.op = op;
      this.record = record;
      this.kind = kind;
      this.id = id;
      this.expected = expected;
    }
  }

  /** A listener with the revision it was registered at. */
  private static final class Watcher {
    final Consumer<StoreEvent> listener;
    volatile boolean active = true;
    volatile long after;

    Watcher(Consumer<StoreEvent> listener) {
      this.listener = listener;
    }
  }
}

package dev.palette.core.store.directory;

import dev.palette.error.PaletteException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The exclusive hold on a store directory: its {@code lock} file held with
 * {@link FileChannel#tryLock()}, so a second store in another process cannot open it. A POSIX lock
 * belongs to the process and closing any channel on the file drops it, so within one JVM a registry
 * of held directories refuses a second open before it touches the file.
 */
final class StoreLock {
  private static final Logger LOG = LoggerFactory.getLogger(StoreLock.class);
  /** The name of the lock file inside the store directory. */
  static final String FILE = "lock";

  // Directories held open by a store of this JVM. Checked before a channel is opened on a lock file,
  // since closing any channel on it would drop the lock this process holds.
  private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();
  // Channels that found the lock held by this JVM through another class loader: closing one would
  // release that holder's lock, so they are kept open until the JVM exits.
  private static final List<FileChannel> PARKED = new CopyOnWriteArrayList<>();

  private final Path directory;
  private final FileChannel channel;
  private final FileLock lock;

  private StoreLock(Path directory, FileChannel channel, FileLock lock) {
    this.directory = directory;
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Takes the directory's lock and writes this process's id into the lock file.
   *
   * @throws PaletteException when a store of this JVM or another process holds it
   */
  static StoreLock acquire(StoreFiles files) {
    Path directory = files.directory;
    Path lockPath = directory.resolve(FILE);
    if (!HELD.add(directory)) {
      throw inUseInThisJvm(directory, lockPath);
    }
    FileChannel lc = null;
    FileLock fl = null;
    try {
      lc = files.open(lockPath, StandardOpenOption.CREATE, StandardOpenOption.READ,
          StandardOpenOption.WRITE);
      try {
        fl = lc.tryLock();
      } catch (OverlappingFileLockException e) {
        PARKED.add(lc);
        lc = null;
        throw inUseInThisJvm(directory, lockPath);
      }
      if (fl == null) {
        throw new PaletteException("store directory " + directory + " is in use: its lock file "
            + lockPath + " is held by another process" + holder(lc)
            + "; stop that process or open another directory");
      }
      lc.truncate(0);
      lc.write(ByteBuffer.wrap(("pid " + ProcessHandle.current().pid() + "\n")
          .getBytes(StandardCharsets.UTF_8)), 0);
      return new StoreLock(directory, lc, fl);
    } catch (IOException | RuntimeException e) {
      closeQuietly(fl, lc);
      HELD.remove(directory);
      if (e instanceof PaletteException) {
        throw (PaletteException) e;
      }
      throw new PaletteException("cannot open store directory " + directory + ": " + e, e);
    }
  }

  /** Releases the lock and lets this JVM open the directory again. */
  void release() {
    closeQuietly(lock, channel);
    HELD.remove(directory);
  }

  private static PaletteException inUseInThisJvm(Path directory, Path lockPath) {
    return new PaletteException("store directory " + directory + " is in use: its lock file "
        + lockPath + " is held by another DirectoryStateStore in this JVM; close that store"
        + " first or open another directory");
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
}

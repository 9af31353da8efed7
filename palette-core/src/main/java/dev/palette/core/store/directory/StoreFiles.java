package dev.palette.core.store.directory;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The files of one store directory: their names ({@code wal-<R>.log}, {@code snapshot-<R>.snap},
 * temp files), owner-only creation, and flushing the directory so that new names are durable.
 */
final class StoreFiles {
  static final String LOG_PREFIX = "wal-";
  static final String LOG_SUFFIX = ".log";
  static final String SNAP_PREFIX = "snapshot-";
  static final String SNAP_SUFFIX = ".snap";
  static final String TMP_SUFFIX = ".tmp";
  static final Set<PosixFilePermission> OWNER_ONLY_FILE =
      PosixFilePermissions.fromString("rw-------");
  static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY =
      PosixFilePermissions.fromString("rwx------");

  final Path directory;
  final boolean fsync;
  final FileAttribute<?>[] attributes;

  StoreFiles(Path directory, boolean fsync) {
    this.directory = directory;
    this.fsync = fsync;
    this.attributes = ownerOnly(directory)
        ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE)}
        : new FileAttribute<?>[0];
  }

  // Owner-only permissions where the file system has POSIX permissions; elsewhere none are set.
  static boolean ownerOnly(Path dir) {
    return dir.getFileSystem().supportedFileAttributeViews().contains("posix");
  }

  /** Opens a file, creating it owner-only when the options say so. */
  FileChannel open(Path file, OpenOption... openOptions) throws IOException {
    return FileChannel.open(file, Set.of(openOptions), attributes);
  }

  /** Every file in the directory. */
  List<Path> list() throws IOException {
    List<Path> out = new ArrayList<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(directory)) {
      ds.forEach(out::add);
    }
    return out;
  }

  Path resolve(String name) {
    return directory.resolve(name);
  }

  Path logPath(long from) {
    return directory.resolve(LOG_PREFIX + pad(from) + LOG_SUFFIX);
  }

  Path snapshotPath(long at) {
    return directory.resolve(SNAP_PREFIX + pad(at) + SNAP_SUFFIX);
  }

  private static String pad(long n) {
    return String.format("%019d", n);
  }

  static String fileName(Path p) {
    return p.getFileName().toString();
  }

  static boolean isLog(Path p) {
    String n = fileName(p);
    return n.startsWith(LOG_PREFIX) && n.endsWith(LOG_SUFFIX) && number(p) >= 0;
  }

  static boolean isSnapshot(Path p) {
    String n = fileName(p);
    return n.startsWith(SNAP_PREFIX) && n.endsWith(SNAP_SUFFIX) && number(p) >= 0;
  }

  /** The revision in a log or snapshot file name, or -1. */
  static long number(Path p) {
    String n = fileName(p);
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
  void syncDirectory() throws IOException {
    if (!fsync || System.getProperty("os.name", "").startsWith("Windows")) {
      return; // Windows cannot open a directory as a channel; NTFS journals the rename.
    }
    try (FileChannel ch = FileChannel.open(directory, StandardOpenOption.READ)) {
      ch.force(true);
    }
  }

  // Files written by an earlier version, or copied in, may have looser permissions than 0600.
  void makeOwnerOnly() throws IOException {
    if (attributes.length == 0) {
      return;
    }
    for (Path p : list()) {
      String name = fileName(p);
      if ((name.equals(StoreLock.FILE) || name.equals(Manifest.FILE) || isLog(p) || isSnapshot(p))
          && !Files.getPosixFilePermissions(p).equals(OWNER_ONLY_FILE)) {
        Files.setPosixFilePermissions(p, OWNER_ONLY_FILE);
      }
    }
  }
}

package dev.palette.core.store.directory;

import java.io.IOException;
import java.util.function.UnaryOperator;

/**
 * The store's manifest in memory and on disk. The committer (a new log) and the snapshot thread
 * (a new snapshot, fewer logs) both change it, one at a time.
 */
final class ManifestKeeper {
  private final StoreFiles files;
  private Manifest manifest;

  ManifestKeeper(StoreFiles files, Manifest manifest) {
    this.files = files;
    this.manifest = manifest;
  }

  synchronized Manifest current() {
    return manifest;
  }

  /**
   * Writes the manifest {@code change} makes of the current one. The manifest in memory always
   * lists every file that holds changes, so it is set before the write: if the write fails the
   * next one still lists them.
   */
  synchronized void change(UnaryOperator<Manifest> change) throws IOException {
    write(change.apply(manifest));
  }

  /** Writes {@code next} as the manifest. */
  synchronized void write(Manifest next) throws IOException {
    manifest = next;
    next.write(files.directory, files.fsync, files.attributes);
    files.syncDirectory();
  }
}

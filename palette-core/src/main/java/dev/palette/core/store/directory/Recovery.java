package dev.palette.core.store.directory;

import dev.palette.core.store.directory.EntryCodec.Entry;
import dev.palette.core.store.directory.EntryCodec.Op;
import dev.palette.error.PaletteException;
import dev.palette.spi.StoredRecord;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens a store's files: loads the snapshot and replays the logs the manifest lists. A damaged last
 * entry (a write torn by a crash) is cut off; damage followed by whole entries, a missing file, or
 * a change to a record no earlier entry created fails the open with the file and offset. Nothing is
 * changed on disk until the whole store has been read, so a failed open (a wrong key, damage)
 * leaves the files as they were.
 */
final class Recovery {
  private static final Logger LOG = LoggerFactory.getLogger(Recovery.class);

  private final StoreFiles files;
  private final EntryDecoder decoder;
  private final Snapshots snapshots;
  private final Index.Loaded loaded = new Index.Loaded();
  private long revision;

  /** What an open found: the records, the revision, and the log to append to. */
  record Recovered(Index.Loaded loaded, long revision, FileChannel log, long logEntries,
      Manifest manifest) {}

  Recovery(StoreFiles files, EntryDecoder decoder, Snapshots snapshots) {
    this.files = files;
    this.decoder = decoder;
    this.snapshots = snapshots;
  }

  // Reads everything first and changes nothing on disk until the whole store has been read, so an
  // open that fails (a wrong key, a missing or damaged file) leaves the files as they were.
  Recovered recover() throws IOException {
    Path directory = files.directory;
    List<Path> all = files.list();
    Optional<Manifest> found = Manifest.read(directory);
    if (found.isEmpty()) {
      List<String> data = all.stream().filter(p -> StoreFiles.isLog(p) || StoreFiles.isSnapshot(p))
          .map(StoreFiles::fileName).sorted().toList();
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
        : StoreFiles.number(files.resolve(listed.snapshot()));
    List<Path> leftovers = new ArrayList<>();
    for (Path p : all) {
      String name = StoreFiles.fileName(p);
      if (name.endsWith(StoreFiles.TMP_SUFFIX)) {
        leftovers.add(p); // A snapshot or manifest that was never renamed into place is incomplete.
      } else if ((StoreFiles.isLog(p) || StoreFiles.isSnapshot(p)) && !listedNames.contains(name)) {
        if (StoreFiles.isSnapshot(p) || StoreFiles.number(p) < covered || Files.size(p) == 0) {
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
      snapshotAt = snapshots.load(files.resolve(listed.snapshot()), loaded);
    }
    revision = snapshotAt;
    List<Path> logs = listed.logs().stream().map(files::resolve).toList();
    Path last = logs.isEmpty() ? null : logs.get(logs.size() - 1);
    long tornAt = -1;
    long logEntries = 0;
    for (Path p : logs) {
      revision = Math.max(revision, StoreFiles.number(p));
      Replayed r = replay(p, p == last);
      if (p == last) {
        logEntries = r.entries();
        tornAt = r.tornAt();
      }
    }

    // Everything is read; only now is anything on disk changed.
    for (Path p : leftovers) {
      Files.deleteIfExists(p);
    }
    if (tornAt >= 0) {
      // A torn last write: it was never acknowledged, so cutting it off loses nothing.
      LOG.warn("store log {} ends in a damaged entry at offset {}; cutting it off", last, tornAt);
      try (FileChannel ch = FileChannel.open(last, StandardOpenOption.WRITE)) {
        ch.truncate(tornAt);
        if (files.fsync) {
          ch.force(true);
        }
      }
    }
    Manifest next = listed;
    FileChannel log;
    if (last == null || StoreFiles.number(last) < snapshotAt) {
      last = files.logPath(revision);
      logEntries = 0;
      log = files.open(last, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      next = next.withLog(StoreFiles.fileName(last));
    } else {
      log = FileChannel.open(last, StandardOpenOption.WRITE);
      log.position(log.size());
    }
    try {
      if (found.isEmpty() || next != listed) {
        files.syncDirectory();
        next.write(directory, files.fsync, files.attributes);
        files.syncDirectory();
      } else if (!leftovers.isEmpty()) {
        files.syncDirectory();
      }
      files.makeOwnerOnly();
    } catch (IOException | RuntimeException e) {
      log.close();
      throw e;
    }
    return new Recovered(loaded, revision, log, logEntries, next);
  }

  private void checkListedFilesArePresent(Manifest listed) {
    List<String> missing = new ArrayList<>();
    for (String name : listed.files()) {
      Path p = files.resolve(name);
      boolean wellFormed = name.equals(listed.snapshot())
          ? StoreFiles.isSnapshot(p) : StoreFiles.isLog(p);
      if (!wellFormed || !p.getParent().equals(files.directory)) {
        throw new PaletteException("the manifest " + files.resolve(Manifest.FILE)
            + " of the store names '" + name + "', which is not a store file; restore the store"
            + " directory from a backup");
      }
      if (!Files.isRegularFile(p)) {
        missing.add(name.equals(listed.snapshot()) ? "the snapshot " + name : "the log " + name);
      }
    }
    if (!missing.isEmpty()) {
      throw new PaletteException("store directory " + files.directory + " is missing "
          + String.join(" and ", missing) + ", which its manifest lists; without "
          + (missing.size() == 1 ? "it" : "them") + " the store would open with part of its data."
          + " Restore the store directory from a backup");
    }
  }

  /** What replaying one log found: its whole entries, and where a torn last entry starts (or -1). */
  private record Replayed(long entries, long tornAt) {}

  /** Replays one log onto the state, without changing the file. */
  private Replayed replay(Path file, boolean isLast) throws IOException {
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
            throw EntryDecoder.corrupt(file, bad.offset, bad.getMessage()
                + (isLast ? ", and whole entries follow it" : ", in a log that is not the last"));
          }
          return new Replayed(entries, bad.offset);
        }
        if (payload == null) {
          return new Replayed(entries, -1);
        }
        Entry e = decoder.decode(payload, file, in.frameStart());
        long rev = e.record().revision();
        if (rev <= previous) {
          throw EntryDecoder.corrupt(file, in.frameStart(),
              "revision " + rev + " does not follow " + previous);
        }
        previous = rev;
        entries++;
        if (rev > revision) {
          checkFollows(e, file, in.frameStart());
          loaded.apply(e.op(), e.record());
          revision = rev;
        }
      }
    }
  }

  // An update or delete of a record no earlier entry created means an earlier file is missing.
  private void checkFollows(Entry e, Path file, long offset) {
    StoredRecord r = e.record();
    boolean known = loaded.contains(r.id());
    if (e.op() == Op.CREATE && known) {
      throw EntryDecoder.corrupt(file, offset, "it creates " + r.describe() + " (id " + r.id()
          + "), which an earlier entry already created");
    }
    if (e.op() != Op.CREATE && !known) {
      throw EntryDecoder.corrupt(file, offset, "it " + (e.op() == Op.UPDATE ? "updates " : "deletes ")
          + r.describe() + " (id " + r.id() + "), which no earlier entry creates: the snapshot or"
          + " a log before it is missing");
    }
  }
}

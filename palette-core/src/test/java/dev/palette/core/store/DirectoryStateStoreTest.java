package dev.palette.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.palette.error.PaletteException;
import dev.palette.spi.RecordQuery;
import dev.palette.spi.StateStore;
import dev.palette.spi.StoredRecord;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The directory store against the store contract, plus durability, recovery and locking. */
class DirectoryStateStoreTest extends StateStoreContract {
  @TempDir Path tmp;
  private int stores;

  @Override
  protected StateStore newStore() {
    return DirectoryStateStore.open(tmp.resolve("store-" + stores++));
  }

  private DirectoryStateStore openAt(Path dir) {
    return track(DirectoryStateStore.open(dir));
  }

  private DirectoryStateStore directoryStore() {
    return (DirectoryStateStore) store;
  }

  @Test
  void recordsDeletesAndTheRevisionSurviveReopening() {
    Path dir = directoryStore().directory();
    StoredRecord a = store.create(rec("Cluster", "a", "p1", "alpha", Map.of("env", "dev")));
    StoredRecord b = store.create(rec("Cluster", "b", "p1", "beta"));
    StoredRecord a2 = store.update(withBody(a, "{\"v\":2}"), a.revision());
    store.delete("Cluster", "b", b.revision());
    long revision = store.revision();
    store.close();

    DirectoryStateStore reopened = openAt(dir);
    assertThat(reopened.revision()).isEqualTo(revision);
    assertThat(reopened.get("Cluster", "a")).contains(a2);
    assertThat(reopened.getByName("Cluster", "p1", "alpha")).contains(a2);
    assertThat(reopened.get("Cluster", "b")).isEmpty();
    assertThat(reopened.getByName("Cluster", "p1", "beta")).isEmpty();
    assertThat(reopened.list(RecordQuery.all("Cluster").withLabels(Map.of("env", "dev"))))
        .containsExactly(a2);
    StoredRecord c = reopened.create(rec("Cluster", "c", "p1", "beta"));
    assertThat(c.revision()).isEqualTo(revision + 1);
  }

  @Test
  void aTornLastEntryIsCutOffAndTheStoreStaysWritable() throws IOException {
    Path dir = directoryStore().directory();
    List<StoredRecord> written = writeSome(store, 3);
    store.close();
    Path log = onlyLog(dir);
    long whole = Files.size(log);
    // A crash mid-write: a header announcing 100 bytes, then only some of them.
    byte[] torn = new byte[8 + 40];
    torn[3] = 100;
    Files.write(log, torn, StandardOpenOption.APPEND);

    DirectoryStateStore reopened = openAt(dir);
    assertThat(reopened.list(RecordQuery.all("Cluster"))).containsExactlyElementsOf(written);
    assertThat(Files.size(log)).isEqualTo(whole);
    StoredRecord added = reopened.create(rec("Cluster", "x", "p", "after-crash"));
    reopened.close();

    DirectoryStateStore again = openAt(dir);
    assertThat(again.get("Cluster", "x")).contains(added);
    assertThat(again.list(RecordQuery.all("Cluster"))).hasSize(4);
    assertThat(again.revision()).isEqualTo(added.revision());
  }

  @Test
  void garbageAfterTheLastEntryIsCutOff() throws IOException {
    Path dir = directoryStore().directory();
    List<StoredRecord> written = writeSome(store, 3);
    store.close();
    byte[] garbage = "\u00ff\u00fe garbage that is no frame at all".getBytes(StandardCharsets.UTF_8);
    Files.write(onlyLog(dir), garbage, StandardOpenOption.APPEND);

    DirectoryStateStore reopened = openAt(dir);
    assertThat(reopened.list(RecordQuery.all("Cluster"))).containsExactlyElementsOf(written);
    StoredRecord added = reopened.create(rec("Cluster", "x", "p", "after-garbage"));
    reopened.close();
    assertThat(openAt(dir).get("Cluster", "x")).contains(added);
  }

  @Test
  void aLastEntryWithABadChecksumIsCutOff() throws IOException {
    Path dir = directoryStore().directory();
    List<StoredRecord> written = writeSome(store, 3);
    long revisionBefore = written.get(1).revision();
    store.close();
    Path log = onlyLog(dir);
    flipByte(log, Files.size(log) - 2);

    DirectoryStateStore reopened = openAt(dir);
    assertThat(reopened.list(RecordQuery.all("Cluster")))
        .containsExactlyElementsOf(written.subList(0, 2));
    assertThat(reopened.revision()).isEqualTo(revisionBefore);
    StoredRecord added = reopened.create(rec("Cluster", written.get(2).id(), "p", "replacement"));
    assertThat(added.revision()).isEqualTo(revisionBefore + 1);
    reopened.close();
    assertThat(openAt(dir).list(RecordQuery.all("Cluster"))).hasSize(3).contains(added);
  }

  @Test
  void corruptionInTheMiddleOfTheLogFailsTheOpenNamingFileAndOffset() throws IOException {
    Path dir = directoryStore().directory();
    writeSome(store, 5);
    store.close();
    Path log = onlyLog(dir);
    long second;
    try (RandomAccessFile f = new RandomAccessFile(log.toFile(), "r")) {
      second = 8 + f.readInt();
    }
    flipByte(log, second + 8 + 3);

    assertThatThrownBy(() -> DirectoryStateStore.open(dir))
        .isInstanceOf(PaletteException.class)
        .hasMessageContaining(log.getFileName().toString())
        .hasMessageContaining("offset " + second)
        .hasMessageContaining("CRC32 mismatch")
        .hasMessageNotContaining("{\"name\"");
    // The failed open released the lock: trying again reports the damage, not a busy directory.
    assertThatThrownBy(() -> DirectoryStateStore.open(dir))
        .isInstanceOf(PaletteException.class)
        .hasMessageContaining("offset " + second);
  }

  @Test
  void aSecondOpenOfALockedDirectoryFailsAtOnce() {
    Path dir = directoryStore().directory();
    assertThatThrownBy(() -> DirectoryStateStore.open(dir))
        .isInstanceOf(PaletteException.class)
        .hasMessageContaining("is in use")
        .hasMessageContaining(dir.resolve("lock").toString());
    store.close();
    assertThat(openAt(dir).revision()).isZero();
  }

  @Test
  void aDirectoryLockedByAnotherProcessCannotBeOpened() throws Exception {
    Path dir = tmp.resolve("shared");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        LockHolder.class.getName(), dir.toString())
        .redirectError(ProcessBuilder.Redirect.INHERIT)
        .start();
    try {
      BufferedReader out = new BufferedReader(
          new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
      assertThat(out.readLine()).startsWith("locked");

      assertThatThrownBy(() -> DirectoryStateStore.open(dir))
          .isInstanceOf(PaletteException.class)
          .hasMessageContaining("is in use")
          .hasMessageContaining("another process")
          .hasMessageContaining("pid " + child.pid())
          .hasMessageContaining(dir.resolve("lock").toString());
    } finally {
      child.getOutputStream().close();
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).as("lock holder exited").isTrue();
    }
    assertThat(child.exitValue()).isZero();
    assertThat(openAt(dir).revision()).isZero();
  }

  @Test
  void pastTheThresholdASnapshotReplacesTheOldLogAndReopeningIsComplete() throws IOException {
    store.close();
    Path dir = tmp.resolve("compacting");
    DirectoryStateStore s = track(DirectoryStateStore.open(dir,
        DirectoryStateStore.Options.defaults().withSnapshotThreshold(10)));
    List<StoredRecord> written = writeSome(s, 35);
    for (int i = 0; i < 10; i++) {
      StoredRecord r = written.get(i);
      s.update(withBody(r, "{\"updated\":" + i + "}"), r.revision());
    }
    for (int i = 10; i < 15; i++) {
      s.delete("Cluster", written.get(i).id(), written.get(i).revision());
    }
    List<StoredRecord> expected = s.list(RecordQuery.all("Cluster"));
    long revision = s.revision();
    s.close();

    try (Stream<Path> files = Files.list(dir)) {
      List<String> names = files.map(p -> p.getFileName().toString()).sorted()
          .collect(Collectors.toList());
      assertThat(names).filteredOn(n -> n.endsWith(".snap")).hasSize(1);
      assertThat(names).filteredOn(n -> n.endsWith(".log")).hasSize(1);
      assertThat(names).noneMatch(n -> n.endsWith(".tmp"));
    }

    DirectoryStateStore reopened = track(DirectoryStateStore.open(dir,
        DirectoryStateStore.Options.defaults().withSnapshotThreshold(10)));
    assertThat(reopened.list(RecordQuery.all("Cluster"))).containsExactlyElementsOf(expected);
    assertThat(reopened.list(RecordQuery.all("Cluster"))).hasSize(30);
    assertThat(reopened.revision()).isEqualTo(revision);
    StoredRecord more = reopened.create(rec("Cluster", "more", "p", "more"));
    assertThat(more.revision()).isEqualTo(revision + 1);
    reopened.close();
    assertThat(openAt(dir).get("Cluster", "more")).contains(more);
  }

  @Test
  void snapshotsWaitForHalfAsManyLogEntriesAsRecordsSoTheirCostStaysProportional() throws IOException {
    store.close();
    Path dir = tmp.resolve("growing");
    DirectoryStateStore first = track(DirectoryStateStore.open(dir,
        DirectoryStateStore.Options.defaults().withSnapshotThreshold(1_000)));
    List<StoredRecord> written = writeSome(first, 100);
    first.close();

    // Reopened with a threshold of 10, the 100-entry log rotates after the next write (revision
    // 101). The next rotation needs 50 entries, half of the 100 records, so 20 more updates start no
    // new log; a fixed threshold of 10 would have rotated again at 111 and 121.
    DirectoryStateStore s = track(DirectoryStateStore.open(dir,
        DirectoryStateStore.Options.defaults().withSnapshotThreshold(10)));
    for (int i = 0; i < 21; i++) {
      StoredRecord r = s.get("Cluster", written.get(i).id()).orElseThrow();
      s.update(withBody(r, "{\"updated\":" + i + "}"), r.revision());
    }
    s.close();

    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".log")))
          .containsExactly(String.format("wal-%019d.log", 101));
    }
    assertThat(openAt(dir).list(RecordQuery.all("Cluster"))).hasSize(100);
  }

  @Test
  void aCrashBetweenStartingANewLogAndWritingItsSnapshotLosesNothing() throws IOException {
    Path dir = directoryStore().directory();
    List<StoredRecord> written = writeSome(store, 10);
    store.close();
    // Split the log as a rotation at revision 5 leaves it when no snapshot follows.
    Path log = onlyLog(dir);
    byte[] all = Files.readAllBytes(log);
    int cut = frameEnd(all, 5);
    Files.write(log, java.util.Arrays.copyOf(all, cut));
    Path second = dir.resolve(String.format("wal-%019d.log", 5));
    Files.write(second, java.util.Arrays.copyOfRange(all, cut, all.length));

    DirectoryStateStore reopened = openAt(dir);
    assertThat(reopened.list(RecordQuery.all("Cluster"))).containsExactlyElementsOf(written);
    assertThat(reopened.revision()).isEqualTo(10);
    StoredRecord more = reopened.create(rec("Cluster", "more", "p", "more"));
    reopened.close();
    assertThat(Files.size(second)).isGreaterThan(all.length - cut);
    assertThat(openAt(dir).get("Cluster", "more")).contains(more);
  }

  @Test
  void damageAtTheEndOfALogThatIsNotTheLastFailsTheOpen() throws IOException {
    Path dir = directoryStore().directory();
    writeSome(store, 10);
    store.close();
    Path log = onlyLog(dir);
    byte[] all = Files.readAllBytes(log);
    int cut = frameEnd(all, 5);
    Files.write(log, java.util.Arrays.copyOf(all, cut - 1));
    Files.write(dir.resolve(String.format("wal-%019d.log", 5)),
        java.util.Arrays.copyOfRange(all, cut, all.length));

    assertThatThrownBy(() -> DirectoryStateStore.open(dir))
        .isInstanceOf(PaletteException.class)
        .hasMessageContaining(log.getFileName().toString())
        .hasMessageContaining("offset " + frameEnd(all, 4))
        .hasMessageContaining("not the last");
  }

  @Test
  void closeIsIdempotentAndLaterCallsFailClearly() {
    store.create(rec("Cluster", "a", "p", "a"));
    store.close();
    store.close();
    assertThatThrownBy(() -> store.get("Cluster", "a"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
    assertThatThrownBy(() -> store.create(rec("Cluster", "b", "p", "b")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
    assertThatThrownBy(() -> store.watch(e -> { }))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aWatcherMayWriteToTheStore() throws Exception {
    java.util.concurrent.CompletableFuture<StoredRecord> echoed =
        new java.util.concurrent.CompletableFuture<>();
    store.watch(e -> {
      if (e.record().id().equals("a")) {
        echoed.complete(store.create(rec("Cluster", "echo", "p", "echo")));
      }
    });
    store.create(rec("Cluster", "a", "p", "a"));
    assertThat(echoed.get(EVENT_WAIT_SECONDS, java.util.concurrent.TimeUnit.SECONDS).id())
        .isEqualTo("echo");
  }

  private static List<StoredRecord> writeSome(StateStore s, int n) {
    List<StoredRecord> out = new java.util.ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(s.create(rec("Cluster", String.format("id-%03d", i), "p",
          String.format("name-%03d", i), Map.of("i", Integer.toString(i)))));
    }
    return out;
  }

  /** The offset just past the first {@code frames} frames of a log. */
  private static int frameEnd(byte[] log, int frames) {
    java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(log);
    int at = 0;
    for (int i = 0; i < frames; i++) {
      at += 8 + b.getInt(at);
    }
    return at;
  }

  private static Path onlyLog(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      List<Path> logs = files.filter(p -> p.getFileName().toString().endsWith(".log"))
          .collect(Collectors.toList());
      assertThat(logs).hasSize(1);
      return logs.get(0);
    }
  }

  private static void flipByte(Path file, long offset) throws IOException {
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      f.seek(offset);
      int b = f.read();
      f.seek(offset);
      f.write(b ^ 0x5a);
    }
  }
}

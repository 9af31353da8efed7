package dev.palette.core.store.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.palette.error.PaletteException;
import dev.palette.spi.RecordQuery;
import dev.palette.spi.StateStore;
import dev.palette.spi.StoreEvent;
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
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import dev.palette.testkit.store.StateStoreContract;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The directory store against the store contract, plus durability, recovery and locking. */
class DirectoryStateStoreTest extends StateStoreContract {
  private static final SecretKey KEY = key(7);
  private static final SecretKey OTHER_KEY = key(8);
  private static final String SECRET = "wJalrXUtnFEMI-K7MDENG-bPxRfiCYEXAMPLEKEY";
  private static final String ROTATED = "je7MtGbClwBF-2Zp9Utk-RotatedSecretValue";

  @TempDir Path tmp;
  private int stores;

  @Override
  protected StateStore newStore() {
    return DirectoryStateStore.open(tmp.resolve("store-" + stores++), withKey());
  }

  @Override
  protected StateStore newStoreWithShortHistory() {
    // A snapshot after every few entries: compaction soon removes the logs a replay from 0 needs.
    return DirectoryStateStore.open(tmp.resolve("store-" + stores++),
        withKey().withSnapshotThreshold(4));
  }

  private static DirectoryStateStore.Options withKey() {
    return DirectoryStateStore.Options.defaults().withSecretKey(KEY);
  }

  private static SecretKey key(int seed) {
    byte[] raw = new byte[32];
    new java.util.Random(seed).nextBytes(raw);
    return new SecretKeySpec(raw, "AES");
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
    assertThat(reopened.list(RecordQuery.all("Cluster").withLabels(Map.of("env", "dev"))).records())
        .containsExactly(a2);
    StoredRecord c = reopened.create(rec("Cluster", "c", "p1", "beta"));
    assertThat(c.revision()).isEqualTo(revision + 1);
  }

  @Test
  void aWatchFromARevisionBeforeReopeningIsReplayedFromTheLog() throws Exception {
    Path dir = directoryStore().directory();
    StoredRecord a = store.create(rec("Cluster", "a", "p", "a"));
    StoredRecord b = store.create(withStatus(rec("Cluster", "b", "p", "b"), "{\"n\":1}"));
    StoredRecord b2 = store.updateStatus(withStatus(b, "{\"n\":2}"), b.revision());
    store.delete("Cluster", "a", a.revision());
    long deletedAt = store.revision();
    store.close();

    // Nothing of the first store's memory is left: the events come from its log.
    DirectoryStateStore reopened = track(DirectoryStateStore.open(dir, withKey()));
    Recorder seen = watch(reopened, b.revision());
    StoredRecord c = reopened.create(rec("Cluster", "c", "p", "c"));

    List<StoreEvent> events = seen.next(3);
    assertThat(events).extracting(StoreEvent::type).containsExactly(StoreEvent.Type.UPDATED,
        StoreEvent.Type.DELETED, StoreEvent.Type.CREATED);
    assertThat(events.get(0).record()).isEqualTo(b2);
    assertThat(events.get(1).record().revision()).isEqualTo(deletedAt);
    assertThat(events.get(2).record()).isEqualTo(c);
    assertNothingMoreArrives(reopened, seen);
  }

  @Test
  void aWatchFromBeforeTheLastSnapshotStartsOverAndOneAfterItIsReplayed() throws Exception {
    store.close();
    Path dir = tmp.resolve("snapshotted");
    DirectoryStateStore s = track(DirectoryStateStore.open(dir, withKey().withSnapshotThreshold(10)));
    writeSome(s, 25);
    s.close();
    // Reopened, the store holds a snapshot and the log since: the compaction ran on close.
    DirectoryStateStore reopened = track(DirectoryStateStore.open(dir, withKey()));
    long snapshotAt;
    try (Stream<Path> files = Files.list(dir)) {
      snapshotAt = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".snap"))
          .mapToLong(n -> Long.parseLong(n.substring("snapshot-".length(), n.indexOf('.'))))
          .max().orElseThrow();
    }
    assertThat(snapshotAt).isPositive().isLessThan(reopened.revision());

    Recorder before = watch(reopened, snapshotAt - 1);
    Recorder after = watch(reopened, snapshotAt);

    assertThat(before.firstSignal()).isEqualTo(reopened.revision());
    List<StoreEvent> replayed = after.next((int) (reopened.revision() - snapshotAt));
    assertThat(replayed).extracting(e -> e.record().revision()).isSorted().doesNotHaveDuplicates()
        .allSatisfy(r -> assertThat(r).isGreaterThan(snapshotAt));
    assertThat(before.events()).isEmpty();
  }

  @Test
  void statusesSurviveReopeningSnapshotsAndCompaction() throws IOException {
    store.close();
    Path dir = tmp.resolve("statuses");
    DirectoryStateStore s = track(DirectoryStateStore.open(dir, withKey().withSnapshotThreshold(5)));
    List<StoredRecord> written = writeSome(s, 12);
    List<StoredRecord> expected = new java.util.ArrayList<>();
    for (StoredRecord r : written) {
      expected.add(s.updateStatus(withStatus(r, "{\"of\":\"" + r.name() + "\"}"), r.revision()));
    }
    s.close();

    DirectoryStateStore reopened = track(DirectoryStateStore.open(dir, withKey()));
    assertThat(reopened.list(RecordQuery.all("Cluster")).records())
        .containsExactlyInAnyOrderElementsOf(expected)
        .allSatisfy(r -> assertThat(r.status()).isEqualTo("{\"of\":\"" + r.name() + "\"}"));
  }

  @Test
  void logEntriesWrittenBeforeStatusesWereKeptApartAreReadWithoutOne() throws IOException {
    Path dir = directoryStore().directory();
    StoredRecord a = store.create(rec("Cluster", "a", "p", "a"));
    store.close();
    // An update as the previous version logged it: format 1, no status length, the status inside
    // the body.
    String header = "{\"op\":\"U\",\"rev\":" + (a.revision() + 1) + ",\"kind\":\"Cluster\","
        + "\"id\":\"a\",\"project\":\"p\",\"name\":\"a\",\"labels\":{}}";
    String body = "{\"name\":\"a\",\"status\":{\"phase\":\"RUNNING\"}}";
    byte[] h = header.getBytes(StandardCharsets.UTF_8);
    byte[] bd = body.getBytes(StandardCharsets.UTF_8);
    java.nio.ByteBuffer payload = java.nio.ByteBuffer.allocate(5 + h.length + bd.length)
        .put((byte) 1).putInt(h.length).put(h).put(bd);
    java.nio.ByteBuffer frame = Frames.append(java.nio.ByteBuffer.allocate(16), payload.array());
    frame.flip();
    Path log;
    try (Stream<Path> files = Files.list(dir)) {
      log = files.filter(p -> p.getFileName().toString().endsWith(".log")).findFirst().orElseThrow();
    }
    try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(log,
        StandardOpenOption.APPEND)) {
      ch.write(frame);
    }

    DirectoryStateStore reopened = openAt(dir);
    assertThat(reopened.get("Cluster", "a")).hasValueSatisfying(r -> {
      assertThat(r.body()).isEqualTo(body);
      assertThat(r.status()).isEmpty();
      assertThat(r.revision()).isEqualTo(a.revision() + 1);
    });
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
    assertThat(reopened.list(RecordQuery.all("Cluster")).records()).containsExactlyElementsOf(written);
    assertThat(Files.size(log)).isEqualTo(whole);
    StoredRecord added = reopened.create(rec("Cluster", "x", "p", "after-crash"));
    reopened.close();

    DirectoryStateStore again = openAt(dir);
    assertThat(again.get("Cluster", "x")).contains(added);
    assertThat(again.list(RecordQuery.all("Cluster")).records()).hasSize(4);
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
    assertThat(reopened.list(RecordQuery.all("Cluster")).records()).containsExactlyElementsOf(written);
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
    assertThat(reopened.list(RecordQuery.all("Cluster")).records())
        .containsExactlyElementsOf(written.subList(0, 2));
    assertThat(reopened.revision()).isEqualTo(revisionBefore);
    StoredRecord added = reopened.create(rec("Cluster", written.get(2).id(), "p", "replacement"));
    assertThat(added.revision()).isEqualTo(revisionBefore + 1);
    reopened.close();
    assertThat(openAt(dir).list(RecordQuery.all("Cluster")).records()).hasSize(3).contains(added);
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
    List<StoredRecord> expected = s.list(RecordQuery.all("Cluster")).records();
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
    assertThat(reopened.list(RecordQuery.all("Cluster")).records()).containsExactlyElementsOf(expected);
    assertThat(reopened.list(RecordQuery.all("Cluster")).records()).hasSize(30);
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
    assertThat(openAt(dir).list(RecordQuery.all("Cluster")).records()).hasSize(100);
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
    listLogs(dir, log, second);

    DirectoryStateStore reopened = openAt(dir);
    assertThat(reopened.list(RecordQuery.all("Cluster")).records()).containsExactlyElementsOf(written);
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
    Path second = dir.resolve(String.format("wal-%019d.log", 5));
    Files.write(second, java.util.Arrays.copyOfRange(all, cut, all.length));
    listLogs(dir, log, second);

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
    assertThatThrownBy(() -> store.watch(0, e -> { }))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aWatcherMayWriteToTheStore() throws Exception {
    java.util.concurrent.CompletableFuture<StoredRecord> echoed =
        new java.util.concurrent.CompletableFuture<>();
    store.watch(store.revision(), e -> {
      if (e.record().id().equals("a")) {
        echoed.complete(store.create(rec("Cluster", "echo", "p", "echo")));
      }
    });
    store.create(rec("Cluster", "a", "p", "a"));
    assertThat(echoed.get(EVENT_WAIT_SECONDS, java.util.concurrent.TimeUnit.SECONDS).id())
        .isEqualTo("echo");
  }

  // ------------------------------------------------------------------------- secrets at rest

  @Test
  void secretsAreNeverOnDiskInClearAfterCreatesUpdatesSnapshotsAndCompaction() throws IOException {
    store.close();
    Path dir = tmp.resolve("sealed");
    DirectoryStateStore.Options options = withKey().withSnapshotThreshold(10);
    DirectoryStateStore s = track(DirectoryStateStore.open(dir, options));
    List<StoredRecord> accounts = new java.util.ArrayList<>();
    for (int i = 0; i < 30; i++) {
      accounts.add(s.create(withSecrets(rec("CloudAccount", "a-" + i, "p", "account-" + i),
          Map.of("secretKey", SECRET))));
    }
    // Rotation: half of the accounts get a new secret, some twice, across several compactions.
    for (int round = 0; round < 2; round++) {
      for (int i = 0; i < 15; i++) {
        StoredRecord current = s.get("CloudAccount", "a-" + i).orElseThrow();
        s.update(withSecrets(current, Map.of("secretKey", ROTATED)), current.revision());
      }
    }
    s.close();

    assertThat(names(dir)).anyMatch(n -> n.endsWith(".snap"));
    assertNoFileHolds(dir, SECRET);
    assertNoFileHolds(dir, ROTATED);

    DirectoryStateStore reopened = track(DirectoryStateStore.open(dir, options));
    assertThat(reopened.get("CloudAccount", "a-0").orElseThrow().secrets())
        .containsExactly(Map.entry("secretKey", ROTATED));
    assertThat(reopened.get("CloudAccount", "a-29").orElseThrow().secrets())
        .containsExactly(Map.entry("secretKey", SECRET));
    assertThat(reopened.list(RecordQuery.all("CloudAccount")).records()).hasSize(30);
  }

  @Test
  void aStoreWithoutAKeyRefusesToKeepASecretAndWritesNothing() throws IOException {
    store.close();
    Path dir = tmp.resolve("keyless");
    DirectoryStateStore s = openAt(dir);
    StoredRecord plain = s.create(rec("CloudAccount", "a", "p", "plain"));
    long revision = s.revision();
    Map<String, byte[]> before = contents(dir);

    assertThatThrownBy(() -> s.create(withSecrets(rec("CloudAccount", "b", "p", "prod"),
        Map.of("secretKey", SECRET))))
        .isInstanceOf(PaletteException.class)
        .hasMessageContaining("no secret key")
        .hasMessageContaining("p/prod")
        .hasMessageContaining("secretKeyFile")
        .hasMessageContaining("PALETTE_SECRET_KEY")
        .hasMessageNotContaining(SECRET);
    assertThatThrownBy(() -> s.update(withSecrets(plain, Map.of("secretKey", SECRET)), plain.revision()))
        .isInstanceOf(PaletteException.class)
        .hasMessageContaining("no secret key");

    assertThat(s.revision()).isEqualTo(revision);
    assertThat(s.get("CloudAccount", "b")).isEmpty();
    assertThat(s.get("CloudAccount", "a")).contains(plain);
    assertThat(contents(dir)).usingRecursiveComparison().isEqualTo(before);
  }

  @Test
  void aWrongKeyOrNoKeyFailsTheOpenClearlyAndLeavesTheFilesAsTheyWere() throws IOException {
    Path dir = directoryStore().directory();
    StoredRecord account = store.create(withSecrets(rec("CloudAccount", "a", "p", "prod"),
        Map.of("secretKey", SECRET)));
    store.close();
    // A torn last entry too: an open that goes on to cut it off has changed the files.
    byte[] torn = new byte[8 + 40];
    torn[3] = 100;
    Files.write(onlyLog(dir), torn, StandardOpenOption.APPEND);
    Map<String, byte[]> before = contents(dir);

    assertThatThrownBy(() -> DirectoryStateStore.open(dir, withKey().withSecretKey(OTHER_KEY)))
        .isInstanceOf(PaletteException.class)
        .hasMessageContaining(dir.toString())
        .hasMessageContaining("is not the key its secrets were sealed with")
        .hasMessageContaining("nothing was changed")
        .hasMessageNotContaining(java.util.HexFormat.of().formatHex(OTHER_KEY.getEncoded()))
        .hasMessageNotContaining(java.util.Base64.getEncoder().encodeToString(OTHER_KEY.getEncoded()));
    assertThat(contents(dir)).usingRecursiveComparison().isEqualTo(before);
    assertThatThrownBy(() -> DirectoryStateStore.open(dir))
        .isInstanceOf(PaletteException.class)
        .hasMessageContaining("none was supplied")
        .hasMessageContaining("PALETTE_SECRET_KEY");
    assertThat(contents(dir)).usingRecursiveComparison().isEqualTo(before);

    DirectoryStateStore reopened = track(DirectoryStateStore.open(dir, withKey()));
    assertThat(reopened.get("CloudAccount", "a")).contains(account);
    assertThat(reopened.get("CloudAccount", "a").orElseThrow().secrets())
        .containsExactly(Map.entry("secretKey", SECRET));
  }

  @Test
  void aKeyThatIsNoAesKeyIsRefusedWithoutShowingIt() {
    byte[] raw = "short-key-bytes".getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> withKey().withSecretKey(new SecretKeySpec(raw, "AES")))
        .isInstanceOf(dev.palette.error.ValidationException.class)
        .hasMessageContaining("secretKey")
        .hasMessageContaining("15 bytes")
        .hasMessageNotContaining("short-key-bytes");
  }

  // --------------------------------------------------------------------------- private files

  @Test
  void theStoreDirectoryAndEveryFileInItAreOwnerOnly() throws IOException {
    org.junit.jupiter.api.Assumptions.assumeTrue(
        tmp.getFileSystem().supportedFileAttributeViews().contains("posix"),
        "the file system has no POSIX permissions");
    store.close();
    Path dir = tmp.resolve("parent").resolve("private");
    DirectoryStateStore s = track(DirectoryStateStore.open(dir, withKey().withSnapshotThreshold(5)));
    writeSome(s, 12);
    s.create(withSecrets(rec("CloudAccount", "a", "p", "prod"), Map.of("secretKey", SECRET)));
    s.close();

    assertThat(java.nio.file.attribute.PosixFilePermissions.toString(
        Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
    assertThat(names(dir)).contains("lock", "manifest").anyMatch(n -> n.endsWith(".snap"))
        .anyMatch(n -> n.endsWith(".log"));
    try (Stream<Path> files = Files.list(dir)) {
      files.forEach(f -> assertThat(permissions(f)).as(f.getFileName().toString()).isEqualTo("rw-------"));
    }
  }

  // ---------------------------------------------------------------------------------- locking

  @Test
  void aFailedSecondOpenKeepsTheFirstStoresLock() throws Exception {
    Path dir = directoryStore().directory();
    assertThatThrownBy(() -> DirectoryStateStore.open(dir))
        .isInstanceOf(PaletteException.class)
        .hasMessageContaining("in this JVM");
    assertThatThrownBy(() -> DirectoryStateStore.open(dir.resolve("..").resolve(dir.getFileName())))
        .isInstanceOf(PaletteException.class)
        .hasMessageContaining("in this JVM");

    // Another process must still find the directory locked by this one.
    assertThat(probe(dir))
        .startsWith("refused")
        .contains("another process")
        .contains("pid " + ProcessHandle.current().pid());
    assertThat(store.create(rec("Cluster", "a", "p", "still-mine")).revision()).isPositive();
    store.close();
    assertThat(probe(dir)).startsWith("opened");
  }

  // ------------------------------------------------------------------------------ missing files

  @Test
  void aMissingSnapshotFailsTheOpenNamingIt() throws IOException {
    store.close();
    Path dir = tmp.resolve("no-snapshot");
    DirectoryStateStore s = track(DirectoryStateStore.open(dir, withKey().withSnapshotThreshold(10)));
    writeSome(s, 35);
    s.close();
    Path snapshot;
    try (Stream<Path> files = Files.list(dir)) {
      snapshot = files.filter(p -> p.getFileName().toString().endsWith(".snap")).findFirst().orElseThrow();
    }
    Files.delete(snapshot);
    Map<String, byte[]> before = contents(dir);

    assertThatThrownBy(() -> DirectoryStateStore.open(dir, withKey()))
        .isInstanceOf(PaletteException.class)
        .hasMessageContaining("is missing the snapshot " + snapshot.getFileName())
        .hasMessageContaining("backup");
    assertThat(contents(dir)).usingRecursiveComparison().isEqualTo(before);
  }

  @Test
  void aMissingOlderLogFailsTheOpenNamingIt() throws IOException {
    store.close();
    Path dir = tmp.resolve("two-logs");
    DirectoryStateStore s = track(DirectoryStateStore.open(dir, withKey().withSnapshotThreshold(10)));
    // Block the snapshot of the rotation at revision 10, so both logs stay, as after a crash.
    Files.createDirectory(dir.resolve(String.format("snapshot-%019d.snap.tmp", 10)));
    writeSome(s, 15);
    s.close();
    Path older = dir.resolve(String.format("wal-%019d.log", 0));
    assertThat(names(dir)).contains(older.getFileName().toString(), String.format("wal-%019d.log", 10))
        .noneMatch(n -> n.endsWith(".snap"));
    Files.delete(older);

    assertThatThrownBy(() -> DirectoryStateStore.open(dir, withKey()))
        .isInstanceOf(PaletteException.class)
        .hasMessageContaining("is missing the log " + older.getFileName())
        .hasMessageContaining("backup");
  }

  @Test
  void aMissingManifestFailsTheOpenOfAStoreWithFiles() throws IOException {
    Path dir = directoryStore().directory();
    writeSome(store, 3);
    store.close();
    Files.delete(dir.resolve("manifest"));

    assertThatThrownBy(() -> DirectoryStateStore.open(dir))
        .isInstanceOf(PaletteException.class)
        .hasMessageContaining("is missing its manifest")
        .hasMessageContaining(onlyLog(dir).getFileName().toString());
  }

  @Test
  void anUpdateOfARecordNoEarlierEntryCreatesFailsTheOpen() throws IOException {
    Path dir = directoryStore().directory();
    List<StoredRecord> written = writeSome(store, 5);
    StoredRecord first = written.get(0);
    store.update(withBody(first, "{\"v\":2}"), first.revision());
    store.close();
    // The creates go to a log the manifest no longer lists, as if it had been dropped from it.
    Path log = onlyLog(dir);
    byte[] all = Files.readAllBytes(log);
    int cut = frameEnd(all, 5);
    Files.delete(log);
    Path updates = dir.resolve(String.format("wal-%019d.log", 5));
    Files.write(updates, java.util.Arrays.copyOfRange(all, cut, all.length));
    listLogs(dir, updates);

    assertThatThrownBy(() -> DirectoryStateStore.open(dir))
        .isInstanceOf(PaletteException.class)
        .hasMessageContaining(updates.getFileName().toString())
        .hasMessageContaining("offset 0")
        .hasMessageContaining("updates Cluster p/name-000 (id id-000), which no earlier entry creates");
  }

  /** What a child JVM's attempt to open the directory printed. */
  private static String probe(Path dir) throws Exception {
    String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child = new ProcessBuilder(javaBin, "-cp", System.getProperty("java.class.path"),
        LockProbe.class.getName(), dir.toString())
        .redirectError(ProcessBuilder.Redirect.INHERIT)
        .start();
    String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    assertThat(child.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).as("the probe ends").isTrue();
    return out;
  }

  /** Every file's bytes but the lock file's, which holds the pid of the last process to open. */
  private static Map<String, byte[]> contents(Path dir) throws IOException {
    Map<String, byte[]> out = new java.util.TreeMap<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path p : files.filter(Files::isRegularFile).collect(Collectors.toList())) {
        if (!p.getFileName().toString().equals(DirectoryStateStore.LOCK_FILE)) {
          out.put(p.getFileName().toString(), Files.readAllBytes(p));
        }
      }
    }
    return out;
  }

  private static List<String> names(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
    }
  }

  private static String permissions(Path file) {
    try {
      return java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Fails when any file under {@code dir} holds the secret, as text or in base64 at any alignment. */
  private static void assertNoFileHolds(Path dir, String secret) throws IOException {
    byte[] raw = secret.getBytes(StandardCharsets.UTF_8);
    List<byte[]> needles = new java.util.ArrayList<>();
    needles.add(raw);
    for (int shift = 0; shift < 3; shift++) {
      byte[] shifted = new byte[shift + raw.length];
      System.arraycopy(raw, 0, shifted, shift, raw.length);
      for (java.util.Base64.Encoder enc : List.of(java.util.Base64.getEncoder(),
          java.util.Base64.getUrlEncoder())) {
        String b64 = enc.withoutPadding().encodeToString(shifted);
        // Drop the characters that mix in the shift bytes or the end: the rest is fixed by the secret.
        needles.add(b64.substring(shift == 0 ? 0 : 4, b64.length() - 4).getBytes(StandardCharsets.US_ASCII));
      }
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.filter(Files::isRegularFile).collect(Collectors.toList())) {
        byte[] content = Files.readAllBytes(f);
        for (byte[] needle : needles) {
          assertThat(indexOf(content, needle)).as("%s holds %s", f.getFileName(),
              new String(needle, StandardCharsets.UTF_8)).isNegative();
        }
      }
    }
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
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

  /** Writes the manifest a rotation leaves: these logs and no snapshot. */
  private static void listLogs(Path dir, Path... logs) throws IOException {
    new Manifest(null, Stream.of(logs).map(p -> p.getFileName().toString()).toList())
        .write(dir, false, new java.nio.file.attribute.FileAttribute<?>[0]);
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

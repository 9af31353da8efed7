package dev.palette.testkit.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.palette.Subscription;
import dev.palette.error.ConflictException;
import dev.palette.error.NotFoundException;
import dev.palette.spi.RecordQuery;
import dev.palette.spi.StateStore;
import dev.palette.spi.StoreEvent;
import dev.palette.spi.StoredRecord;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import dev.palette.spi.Listing;
import dev.palette.spi.StoreListener;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link StateStore} must show. A store implementation's test extends this
 * class and implements {@link #newStore()} and {@link #newStoreWithShortHistory()}; the suite closes
 * every store it was handed.
 *
 * <p>Events may arrive on another thread: the suite waits for each one it expects (bounded by
 * {@link #EVENT_WAIT_SECONDS}, a guard against hangs, not a timing claim), and shows that nothing
 * more came by waiting for a later event on a listener registered after it.
 */
public abstract class StateStoreContract {
  /** How long a test waits for an event that must come; a bound against hangs, not a timing claim. */
  protected static final long EVENT_WAIT_SECONDS = 30;

  private final List<StateStore> opened = Collections.synchronizedList(new ArrayList<>());
  /** The store under test, fresh for each test. */
  protected StateStore store;

  /** A new, empty store; one that keeps secrets (a durable store is given a key). */
  protected abstract StateStore newStore();

  /**
   * A new, empty store whose history is short: after a few dozen writes it can no longer replay
   * from revision 0 (a memory store that keeps a few events, a directory store that snapshots after
   * a few entries). It may get there in the background; the suite waits for it.
   */
  protected abstract StateStore newStoreWithShortHistory();

  @BeforeEach
  void openStore() {
    store = track(newStore());
  }

  @AfterEach
  void closeStores() {
    synchronized (opened) {
      for (StateStore s : opened) {
        s.close();
      }
      opened.clear();
    }
  }

  /** Registers a store to be closed after the test. */
  protected final <S extends StateStore> S track(S s) {
    opened.add(s);
    return s;
  }

  /** A record with an empty JSON body. */
  protected static StoredRecord rec(String kind, String id, String project, String name) {
    return rec(kind, id, project, name, Map.of());
  }

  /** A record with labels. */
  protected static StoredRecord rec(
      String kind, String id, String project, String name, Map<String, String> labels) {
    return new StoredRecord(kind, id, project, name, labels, 0, "{\"name\":\"" + name + "\"}");
  }

  /** The same record with another body. */
  protected static StoredRecord withBody(StoredRecord r, String body) {
    return new StoredRecord(r.kind(), r.id(), r.project(), r.name(), r.labels(), r.revision(), body,
        r.secrets());
  }

  /** The same record with another status. */
  protected static StoredRecord withStatus(StoredRecord r, String status) {
    return r.withStatus(status);
  }

  /** The same record with these secrets. */
  protected static StoredRecord withSecrets(StoredRecord r, Map<String, String> secrets) {
    return new StoredRecord(r.kind(), r.id(), r.project(), r.name(), r.labels(), r.revision(),
        r.body(), secrets);
  }

  @Test
  void secretsComeBackFromEveryReadAndEventButNeverAppearInToString() throws Exception {
    BlockingQueue<StoreEvent> seen = new LinkedBlockingQueue<>();
    Subscription sub = store.watch(store.revision(), seen::add);
    String first = "first-Secret-Value-0x5eed";
    String second = "second-Secret-Value-0xf00d";

    StoredRecord created = store.create(withSecrets(rec("Account", "a1", "p", "prod"),
        Map.of("accessKey", "AKIA-not-secret-id", "secretKey", first)));
    StoredRecord plain = store.create(rec("Account", "a2", "p", "plain"));
    StoredRecord rotated = store.update(withSecrets(created, Map.of("secretKey", second)),
        created.revision());

    assertThat(created.secrets()).containsOnly(
        Map.entry("accessKey", "AKIA-not-secret-id"), Map.entry("secretKey", first));
    assertThat(plain.secrets()).isEmpty();
    assertThat(rotated.secrets()).containsOnly(Map.entry("secretKey", second));
    assertThat(store.get("Account", "a1")).map(StoredRecord::secrets)
        .contains(Map.of("secretKey", second));
    assertThat(store.getByName("Account", "p", "prod")).contains(rotated);
    assertThat(store.list(RecordQuery.all("Account")).records()).containsExactly(plain, rotated);
    List<StoreEvent> events = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      StoreEvent e = seen.poll(EVENT_WAIT_SECONDS, TimeUnit.SECONDS);
      assertThat(e).as("event %d of 3", i + 1).isNotNull();
      events.add(e);
    }
    sub.close();
    assertThat(events).extracting(StoreEvent::record).containsExactly(created, plain, rotated);
    for (Object shown :
        List.of(created, rotated, events, store.list(RecordQuery.all("Account")).records())) {
      assertThat(shown.toString()).doesNotContain(first).doesNotContain(second).doesNotContain("secretKey");
    }
  }

  @Test
  void createdRecordsCanBeReadByIdAndByName() {
    StoredRecord created = store.create(rec("Cluster", "c1", "p1", "alpha", Map.of("env", "dev")));

    assertThat(created.revision()).isPositive();
    assertThat(created.body()).isEqualTo("{\"name\":\"alpha\"}");
    assertThat(store.get("Cluster", "c1")).contains(created);
    assertThat(store.getByName("Cluster", "p1", "alpha")).contains(created);
    assertThat(store.get("Project", "c1")).isEmpty();
    assertThat(store.get("Cluster", "nope")).isEmpty();
    assertThat(store.getByName("Cluster", "p2", "alpha")).isEmpty();
    assertThat(store.getByName("Cluster", "", "alpha")).isEmpty();
    assertThat(store.revision()).isEqualTo(created.revision());
  }

  @Test
  void listSelectsByKindScopeAndLabelsOrderedByProjectThenName() {
    store.create(rec("Cluster", "1", "p2", "b", Map.of("env", "prod")));
    store.create(rec("Cluster", "2", "p1", "z", Map.of("env", "dev")));
    store.create(rec("Cluster", "3", "", "tenant-wide", Map.of("env", "prod")));
    store.create(rec("Cluster", "4", "p1", "a", Map.of("env", "prod", "tier", "gold")));
    store.create(rec("Cluster", "5", "p2", "a", Map.of()));
    store.create(rec("Profile", "6", "p1", "a", Map.of("env", "prod")));
    store.create(rec("Cluster", "7", "p1 ", "a", Map.of()));

    assertThat(ids(store.list(RecordQuery.all("Cluster")).records()))
        .containsExactly("3", "4", "2", "7", "5", "1");
    assertThat(ids(store.list(RecordQuery.inScope("Cluster", "p1")).records())).containsExactly("4", "2");
    assertThat(ids(store.list(RecordQuery.inScope("Cluster", "")).records())).containsExactly("3");
    assertThat(ids(store.list(RecordQuery.all("Cluster").withLabels(Map.of("env", "prod"))).records()))
        .containsExactly("3", "4", "1");
    assertThat(ids(store.list(
            RecordQuery.inScope("Cluster", "p1").withLabels(Map.of("env", "prod", "tier", "gold"))).records()))
        .containsExactly("4");
    assertThat(store.list(RecordQuery.all("Cluster").withLabels(Map.of("env", "qa"))).records()).isEmpty();
    assertThat(store.list(RecordQuery.all("Nothing")).records()).isEmpty();
    assertThat(ids(store.list(RecordQuery.all("Profile")).records())).containsExactly("6");
  }

  @Test
  void aTakenNameIsAConflictAndChangesNothing() {
    StoredRecord first = store.create(rec("Cluster", "c1", "p1", "alpha"));

    assertThatThrownBy(() -> store.create(rec("Cluster", "c2", "p1", "alpha")))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining("Cluster p1/alpha")
        .hasMessageContaining("already exists");
    assertThat(store.get("Cluster", "c2")).isEmpty();
    assertThat(store.revision()).isEqualTo(first.revision());

    // The same name in another scope or of another kind is a different record.
    store.create(rec("Cluster", "c3", "p2", "alpha"));
    store.create(rec("Cluster", "c4", "", "alpha"));
    store.create(rec("Profile", "c5", "p1", "alpha"));
  }

  @Test
  void aTakenIdIsAConflictAndChangesNothing() {
    StoredRecord first = store.create(rec("Cluster", "c1", "p1", "alpha"));

    assertThatThrownBy(() -> store.create(rec("Profile", "c1", "p1", "other")))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining("c1");
    assertThat(store.getByName("Profile", "p1", "other")).isEmpty();
    assertThat(store.get("Cluster", "c1")).contains(first);
    assertThat(store.revision()).isEqualTo(first.revision());
  }

  @Test
  void anUpdateAtTheCurrentRevisionReplacesTheRecord() {
    StoredRecord v1 = store.create(rec("Cluster", "c1", "p1", "alpha"));
    StoredRecord v2 = store.update(withBody(v1, "{\"v\":2}"), v1.revision());

    assertThat(v2.revision()).isGreaterThan(v1.revision());
    assertThat(v2.body()).isEqualTo("{\"v\":2}");
    assertThat(store.get("Cluster", "c1")).contains(v2);
    assertThat(store.getByName("Cluster", "p1", "alpha")).contains(v2);
    assertThat(store.list(RecordQuery.all("Cluster")).records()).containsExactly(v2);
  }

  @Test
  void anUpdateWithAStaleRevisionIsAConflictAndLeavesTheRecordUnchanged() {
    StoredRecord v1 = store.create(rec("Cluster", "c1", "p1", "alpha"));
    StoredRecord v2 = store.update(withBody(v1, "{\"v\":2}"), v1.revision());

    assertThatThrownBy(() -> store.update(withBody(v1, "{\"v\":3}"), v1.revision()))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining("Cluster p1/alpha")
        .hasMessageContaining("expected revision " + v1.revision())
        .hasMessageContaining("at " + v2.revision());
    assertThat(store.get("Cluster", "c1")).contains(v2);
    assertThat(store.revision()).isEqualTo(v2.revision());
  }

  @Test
  void anUpdateCannotRenameOrMoveARecord() {
    StoredRecord v1 = store.create(rec("Cluster", "c1", "p1", "alpha"));

    assertThatThrownBy(() -> store.update(
            new StoredRecord("Cluster", "c1", "p1", "beta", Map.of(), 0, "{}"), v1.revision()))
        .isInstanceOf(ConflictException.class);
    assertThatThrownBy(() -> store.update(
            new StoredRecord("Cluster", "c1", "p2", "alpha", Map.of(), 0, "{}"), v1.revision()))
        .isInstanceOf(ConflictException.class);
    assertThat(store.get("Cluster", "c1")).contains(v1);
  }

  @Test
  void aDeleteWithAStaleRevisionIsAConflictAndKeepsTheRecord() {
    StoredRecord v1 = store.create(rec("Cluster", "c1", "p1", "alpha"));
    StoredRecord v2 = store.update(withBody(v1, "{\"v\":2}"), v1.revision());

    assertThatThrownBy(() -> store.delete("Cluster", "c1", v1.revision()))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining("expected revision " + v1.revision());
    assertThat(store.get("Cluster", "c1")).contains(v2);

    store.delete("Cluster", "c1", v2.revision());
    assertThat(store.get("Cluster", "c1")).isEmpty();
    assertThat(store.getByName("Cluster", "p1", "alpha")).isEmpty();
    assertThat(store.list(RecordQuery.all("Cluster")).records()).isEmpty();
    // The name is free again.
    store.create(rec("Cluster", "c2", "p1", "alpha"));
  }

  @Test
  void writesToAMissingRecordAreNotFound() {
    StoredRecord ghost = rec("Cluster", "c9", "p1", "ghost");
    assertThatThrownBy(() -> store.update(ghost, 1))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("c9");
    assertThatThrownBy(() -> store.delete("Cluster", "c9", 1))
        .isInstanceOf(NotFoundException.class);
    StoredRecord c1 = store.create(rec("Cluster", "c1", "p1", "alpha"));
    assertThatThrownBy(() -> store.delete("Profile", "c1", c1.revision()))
        .isInstanceOf(NotFoundException.class);
    assertThat(store.revision()).isEqualTo(c1.revision());
  }

  @Test
  void revisionsIncreaseStrictlyAndDeletesConsumeOne() {
    long before = store.revision();
    StoredRecord a = store.create(rec("Cluster", "a", "p", "a"));
    StoredRecord b = store.create(rec("Cluster", "b", "p", "b"));
    StoredRecord a2 = store.update(withBody(a, "{}"), a.revision());
    store.delete("Cluster", "b", b.revision());
    long afterDelete = store.revision();
    StoredRecord c = store.create(rec("Cluster", "c", "p", "c"));

    assertThat(List.of(before, a.revision(), b.revision(), a2.revision(), afterDelete,
            c.revision()))
        .isSorted()
        .doesNotHaveDuplicates();
    assertThat(afterDelete).isGreaterThan(a2.revision());
    assertThat(store.revision()).isEqualTo(c.revision());
  }

  @Test
  void watchersSeeEveryChangeInRevisionOrderAndNothingAfterClosing() throws Exception {
    StoredRecord before = store.create(rec("Cluster", "c0", "p", "before"));
    BlockingQueue<StoreEvent> seen = new LinkedBlockingQueue<>();
    Subscription sub = store.watch(store.revision(), seen::add);

    StoredRecord v1 = store.create(rec("Cluster", "c1", "p", "alpha"));
    StoredRecord v2 = store.update(withBody(v1, "{\"v\":2}"), v1.revision());
    store.delete("Cluster", "c1", v2.revision());
    long deletedAt = store.revision();

    List<StoreEvent> events = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      StoreEvent e = seen.poll(EVENT_WAIT_SECONDS, TimeUnit.SECONDS);
      assertThat(e).as("event %d of 3", i + 1).isNotNull();
      events.add(e);
    }
    assertThat(events).extracting(StoreEvent::type).containsExactly(
        StoreEvent.Type.CREATED, StoreEvent.Type.UPDATED, StoreEvent.Type.DELETED);
    assertThat(events.get(0).record()).isEqualTo(v1);
    assertThat(events.get(1).record()).isEqualTo(v2);
    assertThat(events.get(2).record().revision()).isEqualTo(deletedAt);
    assertThat(events.get(2).record().id()).isEqualTo("c1");
    assertThat(events).extracting(e -> e.record().id()).doesNotContain(before.id());

    sub.close();
    // A watcher registered later acts as a barrier: once it saw the write, the closed one
    // would have seen it too.
    BlockingQueue<StoreEvent> barrier = new LinkedBlockingQueue<>();
    Subscription later = store.watch(store.revision(), barrier::add);
    try {
      StoredRecord after = store.create(rec("Cluster", "c2", "p", "after"));
      StoreEvent e = barrier.poll(EVENT_WAIT_SECONDS, TimeUnit.SECONDS);
      assertThat(e).isNotNull();
      assertThat(e.record()).isEqualTo(after);
    } finally {
      later.close();
    }
    assertThat(seen).isEmpty();
  }

  @Test
  void manyWatchedWritersProduceEventsInRevisionOrder() throws Exception {
    BlockingQueue<StoreEvent> seen = new LinkedBlockingQueue<>();
    Subscription sub = store.watch(store.revision(), seen::add);
    int threads = 8;
    int perThread = 25;
    runConcurrently(threads, t -> {
      for (int i = 0; i < perThread; i++) {
        StoredRecord r = store.create(rec("Cluster", "t" + t + "-" + i, "p", "t" + t + "-" + i));
        store.update(withBody(r, "{}"), r.revision());
      }
      return null;
    });
    List<Long> revisions = new ArrayList<>();
    for (int i = 0; i < threads * perThread * 2; i++) {
      StoreEvent e = seen.poll(EVENT_WAIT_SECONDS, TimeUnit.SECONDS);
      assertThat(e).as("event %d", i).isNotNull();
      revisions.add(e.record().revision());
    }
    sub.close();
    assertThat(revisions).isSorted().doesNotHaveDuplicates();
    assertThat(revisions.get(revisions.size() - 1)).isEqualTo(store.revision());
  }

  @Test
  void writersRacingOnOneRecordLeaveExactlyOneWinner() throws Exception {
    StoredRecord v1 = store.create(rec("Cluster", "c1", "p1", "contested"));
    int threads = 16;
    AtomicInteger conflicts = new AtomicInteger();
    List<StoredRecord> winners = Collections.synchronizedList(new ArrayList<>());

    runConcurrently(threads, t -> {
      try {
        winners.add(store.update(withBody(v1, "{\"writer\":" + t + "}"), v1.revision()));
      } catch (ConflictException e) {
        conflicts.incrementAndGet();
      }
      return null;
    });

    assertThat(winners).hasSize(1);
    assertThat(conflicts).hasValue(threads - 1);
    assertThat(store.get("Cluster", "c1")).contains(winners.get(0));
    assertThat(store.revision()).isEqualTo(winners.get(0).revision());
  }

  @Test
  void concurrentCreatesOfOneNameLeaveExactlyOneWinner() throws Exception {
    int threads = 16;
    AtomicInteger conflicts = new AtomicInteger();
    List<StoredRecord> winners = Collections.synchronizedList(new ArrayList<>());

    runConcurrently(threads, t -> {
      try {
        winners.add(store.create(rec("Cluster", "id-" + t, "p1", "same-name")));
      } catch (ConflictException e) {
        conflicts.incrementAndGet();
      }
      return null;
    });

    assertThat(winners).hasSize(1);
    assertThat(conflicts).hasValue(threads - 1);
    assertThat(store.list(RecordQuery.all("Cluster")).records()).containsExactly(winners.get(0));
  }

  @Test
  void concurrentWritersOfDistinctRecordsAllSucceedWithDistinctRevisions() throws Exception {
    int threads = 16;
    int perThread = 20;
    List<Long> revisions = Collections.synchronizedList(new ArrayList<>());
    runConcurrently(threads, t -> {
      for (int i = 0; i < perThread; i++) {
        revisions.add(store.create(rec("Cluster", t + "-" + i, "p" + t, "n" + i)).revision());
      }
      return null;
    });
    assertThat(revisions).hasSize(threads * perThread).doesNotHaveDuplicates();
    assertThat(store.list(RecordQuery.all("Cluster")).records()).hasSize(threads * perThread);
    assertThat(store.revision()).isEqualTo(Collections.max(revisions));
  }

  // ------------------------------------------------------------------------------- statuses

  @Test
  void createStoresTheStatusApartFromTheBody() {
    StoredRecord created = store.create(withStatus(rec("Cluster", "c1", "p", "alpha"),
        "{\"phase\":\"PENDING\"}"));

    assertThat(created.body()).isEqualTo("{\"name\":\"alpha\"}");
    assertThat(created.status()).isEqualTo("{\"phase\":\"PENDING\"}");
    assertThat(store.get("Cluster", "c1")).contains(created);
    assertThat(store.create(rec("Cluster", "c2", "p", "beta")).status()).isEmpty();
  }

  @Test
  void aStatusWriteReplacesOnlyTheStatusAndKeepsTheSpec() {
    StoredRecord v1 = store.create(withSecrets(withStatus(rec("Cluster", "c1", "p", "alpha",
        Map.of("env", "dev")), "{\"phase\":\"PENDING\"}"), Map.of("token", "t-1")));
    // Whatever else the status write carries is ignored: only its status is written.
    StoredRecord sent = new StoredRecord("Cluster", "c1", "p", "alpha", Map.of("env", "prod"), 0,
        "{\"spec\":\"from a stale read\"}", "{\"phase\":\"RUNNING\"}", Map.of());

    StoredRecord v2 = store.updateStatus(sent, v1.revision());

    assertThat(v2.revision()).isGreaterThan(v1.revision());
    assertThat(v2.status()).isEqualTo("{\"phase\":\"RUNNING\"}");
    assertThat(v2.body()).isEqualTo(v1.body());
    assertThat(v2.labels()).isEqualTo(v1.labels());
    assertThat(v2.secrets()).isEqualTo(v1.secrets());
    assertThat(store.get("Cluster", "c1")).contains(v2);
    assertThat(store.revision()).isEqualTo(v2.revision());
  }

  @Test
  void aSpecUpdateKeepsTheStoredStatus() {
    StoredRecord v1 = store.create(withStatus(rec("Cluster", "c1", "p", "alpha"),
        "{\"phase\":\"PENDING\"}"));
    StoredRecord v2 = store.updateStatus(withStatus(v1, "{\"phase\":\"RUNNING\"}"), v1.revision());

    // The writer read v1, so it carries the old status; the newer one stays.
    StoredRecord v3 = store.update(withBody(v1, "{\"v\":3}"), v2.revision());

    assertThat(v3.body()).isEqualTo("{\"v\":3}");
    assertThat(v3.status()).isEqualTo("{\"phase\":\"RUNNING\"}");
    assertThat(store.get("Cluster", "c1")).contains(v3);
    assertThat(store.list(RecordQuery.all("Cluster")).records()).containsExactly(v3);
  }

  @Test
  void aStatusWriteWithAStaleRevisionIsAConflictAndChangesNothing() {
    StoredRecord v1 = store.create(withStatus(rec("Cluster", "c1", "p", "alpha"), "{\"n\":1}"));
    StoredRecord v2 = store.update(withBody(v1, "{\"v\":2}"), v1.revision());

    assertThatThrownBy(() -> store.updateStatus(withStatus(v1, "{\"n\":2}"), v1.revision()))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining("Cluster p/alpha")
        .hasMessageContaining("expected revision " + v1.revision());
    assertThatThrownBy(() -> store.update(withBody(v1, "{\"v\":3}"), v1.revision()))
        .isInstanceOf(ConflictException.class);
    assertThatThrownBy(() -> store.updateStatus(rec("Cluster", "c9", "p", "ghost"), 1))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("c9");
    assertThat(store.get("Cluster", "c1")).contains(v2);
    assertThat(store.revision()).isEqualTo(v2.revision());
  }

  @Test
  void aStatusWriteIsAnUpdateEventWithTheWholeRecord() throws Exception {
    StoredRecord v1 = store.create(withStatus(rec("Cluster", "c1", "p", "alpha"), "{\"n\":1}"));
    Recorder seen = watch(store, store.revision());

    StoredRecord v2 = store.updateStatus(withStatus(v1, "{\"n\":2}"), v1.revision());

    StoreEvent e = seen.next();
    assertThat(e.type()).isEqualTo(StoreEvent.Type.UPDATED);
    assertThat(e.record()).isEqualTo(v2);
  }

  // -------------------------------------------------------------------- listings and watches

  @Test
  void aListingCarriesTheRevisionItReflects() throws Exception {
    store.create(rec("Cluster", "a", "p", "a"));
    store.create(rec("Profile", "b", "p", "b"));

    Listing listing = store.list(RecordQuery.all("Cluster"));
    assertThat(listing.revision()).isEqualTo(store.revision());
    assertThat(listing.records()).extracting(StoredRecord::id).containsExactly("a");

    // Watching from the listing's revision sees exactly what the listing does not.
    Recorder seen = watch(store, listing.revision());
    StoredRecord c = store.create(rec("Cluster", "c", "p", "c"));
    assertThat(seen.next().record()).isEqualTo(c);
    assertThat(store.list(RecordQuery.all("Nothing")).revision()).isEqualTo(c.revision());
  }

  @Test
  void aListingTakenDuringWritesHoldsExactlyTheRecordsUpToItsRevision() throws Exception {
    long base = store.revision();
    int writes = 100;
    AtomicBoolean done = new AtomicBoolean();
    AtomicBoolean listerEnded = new AtomicBoolean();
    AtomicInteger listings = new AtomicInteger();
    runConcurrently(2, t -> {
      if (t == 0) {
        try {
          for (int i = 0; i < writes; i++) {
            store.create(rec("Cluster", "c" + i, "p", "n" + i));
            if (i % 10 == 0) {
              // Let the lister in between writes, however the store schedules its lock.
              int seen = listings.get();
              Awaitility.await().atMost(Duration.ofSeconds(EVENT_WAIT_SECONDS))
                  .pollInterval(Duration.ofMillis(1))
                  .until(() -> listings.get() > seen || listerEnded.get());
            }
          }
        } finally {
          done.set(true);
        }
      } else {
        try {
          while (!done.get()) {
            Listing l = store.list(RecordQuery.all("Cluster"));
            listings.incrementAndGet();
            // Every create takes one revision, so a consistent listing holds one record per
            // revision.
            assertThat(l.records()).as("listing at revision %d", l.revision())
                .hasSize((int) (l.revision() - base))
                .allSatisfy(r -> assertThat(r.revision()).isLessThanOrEqualTo(l.revision()));
          }
        } finally {
          listerEnded.set(true);
        }
      }
      return null;
    });
    assertThat(listings.get()).isGreaterThanOrEqualTo(writes / 10);
  }

  @Test
  void aWatchFromARevisionReplaysExactlyTheLaterEventsInOrder() throws Exception {
    StoredRecord a1 = store.create(rec("Cluster", "a", "p", "a"));
    StoredRecord a2 = store.update(withBody(a1, "{\"v\":2}"), a1.revision());
    StoredRecord b = store.create(rec("Cluster", "b", "p", "b"));
    store.delete("Cluster", "b", b.revision());
    long deletedAt = store.revision();
    StoredRecord a3 = store.updateStatus(withStatus(a2, "{\"n\":3}"), a2.revision());

    Recorder seen = watch(store, a2.revision());
    StoredRecord c = store.create(rec("Cluster", "c", "p", "c"));

    List<StoreEvent> events = seen.next(4);
    assertThat(events).extracting(StoreEvent::type).containsExactly(StoreEvent.Type.CREATED,
        StoreEvent.Type.DELETED, StoreEvent.Type.UPDATED, StoreEvent.Type.CREATED);
    assertThat(events.get(0).record()).isEqualTo(b);
    assertThat(events.get(1).record().id()).isEqualTo("b");
    assertThat(events.get(1).record().revision()).isEqualTo(deletedAt);
    assertThat(events.get(2).record()).isEqualTo(a3);
    assertThat(events.get(3).record()).isEqualTo(c);
    assertNothingMoreArrives(seen);
    assertThat(seen.startedOver).isEmpty();
  }

  @Test
  void aWatchFromRevisionZeroReplaysEverythingAndOneFromNowReplaysNothing() throws Exception {
    StoredRecord a = store.create(rec("Cluster", "a", "p", "a"));
    StoredRecord b = store.create(rec("Cluster", "b", "p", "b"));

    Recorder all = watch(store, 0);
    Recorder now = watch(store, store.revision());
    StoredRecord c = store.create(rec("Cluster", "c", "p", "c"));

    assertThat(all.next(3)).extracting(StoreEvent::record).containsExactly(a, b, c);
    assertThat(now.next().record()).isEqualTo(c);
    assertNothingMoreArrives(all);
    assertNothingMoreArrives(now);
  }

  @Test
  void aStoreThatCannotReplayFromARevisionTellsTheListenerToStartOverAndEndsTheWatch()
      throws Exception {
    StateStore forgetful = track(newStoreWithShortHistory());
    for (int i = 0; i < 50; i++) {
      StoredRecord r = forgetful.create(rec("Cluster", "c" + i, "p", "n" + i));
      forgetful.update(withBody(r, "{}"), r.revision());
    }
    long at = forgetful.revision();

    // A store may compact in the background: wait until it can no longer replay from 0.
    Recorder[] told = new Recorder[1];
    Awaitility.await().atMost(Duration.ofSeconds(EVENT_WAIT_SECONDS)).until(() -> {
      Recorder r = watch(forgetful, 0);
      Object first = r.firstSignal();
      if (first instanceof Long) {
        told[0] = r;
        return true;
      }
      r.subscription.close();
      return false;
    });
    Recorder r = told[0];
    assertThat(r.startedOver).containsExactly(at);
    forgetful.create(rec("Cluster", "after", "p", "after"));
    assertNothingMoreArrives(forgetful, r);
    assertThat(r.events).isEmpty();
    assertThat(r.startedOver).containsExactly(at);
  }

  @Test
  void aListenerThatThrowsHarmsNobodyAndKeepsGettingLaterEvents() throws Exception {
    List<StoreEvent> failedOn = Collections.synchronizedList(new ArrayList<>());
    Subscription failing = store.watch(store.revision(), e -> {
      failedOn.add(e);
      throw new IllegalStateException("a listener bug, on purpose");
    });
    Recorder healthy = watch(store, store.revision());
    try {
      StoredRecord a = store.create(rec("Cluster", "a", "p", "a"));
      StoredRecord a2 = store.update(withBody(a, "{}"), a.revision());
      StoredRecord b = store.create(rec("Cluster", "b", "p", "b"));

      assertThat(healthy.next(3)).extracting(StoreEvent::record).containsExactly(a, a2, b);
      Awaitility.await().atMost(Duration.ofSeconds(EVENT_WAIT_SECONDS))
          .until(() -> failedOn.size() == 3);
      assertThat(failedOn).extracting(StoreEvent::record).containsExactly(a, a2, b);
      assertThat(store.get("Cluster", "b")).contains(b);
    } finally {
      failing.close();
    }
  }

  @Test
  void aListenerThatWritesDoesNotReorderTheEventsOthersSee() throws Exception {
    Subscription writer = store.watch(store.revision(), e -> {
      if (e.record().id().equals("first")) {
        store.create(rec("Cluster", "second", "p", "second"));
      }
    });
    Recorder seen = watch(store, store.revision());
    try {
      store.create(rec("Cluster", "first", "p", "first"));

      List<StoreEvent> events = seen.next(2);
      assertThat(events).extracting(e -> e.record().id()).containsExactly("first", "second");
      assertThat(events.get(0).record().revision())
          .isLessThan(events.get(1).record().revision());
    } finally {
      writer.close();
    }
  }

  @Test
  void secretsAreKeptApartFromTheBodyAndTheStatusThroughEveryWrite() throws Exception {
    String secret = "kept-Apart-0xbeef";
    StoredRecord v1 = store.create(withSecrets(withStatus(rec("Account", "a1", "p", "prod"),
        "{\"phase\":\"VALID\"}"), Map.of("secretKey", secret)));
    StoredRecord v2 = store.updateStatus(withStatus(v1, "{\"phase\":\"INVALID\"}"), v1.revision());
    StoredRecord v3 = store.update(withBody(v2, "{\"v\":3}"), v2.revision());
    Recorder replayed = watch(store, 0);

    List<StoredRecord> shown = new ArrayList<>(List.of(v1, v2, v3));
    replayed.next(3).forEach(e -> shown.add(e.record()));
    for (StoredRecord r : shown) {
      assertThat(r.secrets()).containsOnly(Map.entry("secretKey", secret));
      assertThat(r.body()).doesNotContain(secret);
      assertThat(r.status()).doesNotContain(secret);
      assertThat(r.toString()).doesNotContain(secret).doesNotContain("secretKey");
    }
    assertThat(store.get("Account", "a1")).contains(v3);
  }

  /** Watches {@code s} from {@code from} with a listener that records what it is told. */
  protected final Recorder watch(StateStore s, long from) {
    Recorder r = new Recorder();
    r.subscription = s.watch(from, r);
    return r;
  }

  /** Shows that {@code r} gets nothing more, by a write a later listener of the store sees. */
  protected final void assertNothingMoreArrives(Recorder r) throws Exception {
    assertNothingMoreArrives(store, r);
  }

  /** Shows that {@code r} gets nothing more from {@code s}. */
  protected final void assertNothingMoreArrives(StateStore s, Recorder r) throws Exception {
    int before = r.events.size();
    // Listeners are called in registration order per event on one thread, or synchronously: once a
    // later listener saw a new write, an earlier one saw everything before it.
    Recorder barrier = watch(s, s.revision());
    String name = "marker-" + System.nanoTime();
    StoredRecord marker = s.create(rec("Marker", name, "", name));
    assertThat(barrier.next().record()).isEqualTo(marker);
    barrier.subscription.close();
    List<StoreEvent> extra = new ArrayList<>(r.events);
    extra.removeIf(e -> e.record().id().equals(marker.id()));
    assertThat(extra).hasSize(before);
  }

  /** A listener that records events and start-over signals, for the suite's assertions. */
  protected static final class Recorder implements StoreListener {
    final BlockingQueue<StoreEvent> queue = new LinkedBlockingQueue<>();
    final BlockingQueue<Object> signals = new LinkedBlockingQueue<>();
    final List<StoreEvent> events = Collections.synchronizedList(new ArrayList<>());
    final List<Long> startedOver = Collections.synchronizedList(new ArrayList<>());
    Subscription subscription;

    /** Every event so far, in the order it came. */
    public List<StoreEvent> events() {
      return List.copyOf(events);
    }

    /** The revisions the listener was told to start over at. */
    public List<Long> startedOver() {
      return List.copyOf(startedOver);
    }

    /** Ends the watch. */
    public void close() {
      subscription.close();
    }

    @Override
    public void onEvent(StoreEvent event) {
      events.add(event);
      queue.add(event);
      signals.add(event);
    }

    @Override
    public void onStartOver(long revision) {
      startedOver.add(revision);
      signals.add(revision);
    }

    /** The next event; fails when none comes. */
    public StoreEvent next() throws InterruptedException {
      StoreEvent e = queue.poll(EVENT_WAIT_SECONDS, TimeUnit.SECONDS);
      assertThat(e).as("an event within %d s", EVENT_WAIT_SECONDS).isNotNull();
      return e;
    }

    /** The next {@code n} events; fails when fewer come. */
    public List<StoreEvent> next(int n) throws InterruptedException {
      List<StoreEvent> out = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        StoreEvent e = queue.poll(EVENT_WAIT_SECONDS, TimeUnit.SECONDS);
        assertThat(e).as("event %d of %d", i + 1, n).isNotNull();
        out.add(e);
      }
      return out;
    }

    /** The first thing the listener was told: an event, or the revision to start over at. */
    public Object firstSignal() throws InterruptedException {
      Object o = signals.poll(EVENT_WAIT_SECONDS, TimeUnit.SECONDS);
      assertThat(o).as("an event or a start-over within %d s", EVENT_WAIT_SECONDS).isNotNull();
      return o;
    }
  }

  /** A task run by one of several threads released at once. */
  @FunctionalInterface
  protected interface ThreadTask {
    Void run(int thread) throws Exception;
  }

  /** Runs {@code task} on {@code threads} threads that all start together; rethrows failures. */
  protected static void runConcurrently(int threads, ThreadTask task) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch ready = new CountDownLatch(threads);
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Void>> results = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        Callable<Void> c = () -> {
          ready.countDown();
          assertThat(start.await(30, TimeUnit.SECONDS)).as("start signal").isTrue();
          return task.run(thread);
        };
        results.add(pool.submit(c));
      }
      assertThat(ready.await(30, TimeUnit.SECONDS)).as("all threads ready").isTrue();
      start.countDown();
      for (Future<Void> f : results) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static List<String> ids(List<StoredRecord> records) {
    List<String> ids = new ArrayList<>();
    for (StoredRecord r : records) {
      ids.add(r.id());
    }
    return ids;
  }
}

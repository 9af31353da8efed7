package dev.palette.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palette.ClusterMode;
import dev.palette.Palette;
import dev.palette.Principal;
import dev.palette.Subscription;
import dev.palette.core.store.MemoryStateStore;
import dev.palette.error.PaletteException;
import dev.palette.model.AuditAction;
import dev.palette.model.AuditEvent;
import dev.palette.model.AuditQuery;
import dev.palette.model.AuditVerification;
import dev.palette.spi.Listing;
import dev.palette.spi.RecordQuery;
import dev.palette.spi.StateStore;
import dev.palette.spi.StoreListener;
import dev.palette.spi.StoredRecord;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * A change waits for its own record write only; its event is appended in the background, and
 * every read of the trail waits for the events queued before it.
 */
class AuditQueueTest {
  private static final Principal ALICE = Principal.user("alice");
  private final MemoryStateStore memory = new MemoryStateStore();
  private final CountDownLatch eventWritesOpen = new CountDownLatch(1);
  // Holds every event write until the latch opens, so a test sees what waits for what.
  private final GatedStore gated = new GatedStore(memory, r -> r.kind().equals(AuditTrail.KIND)
      && !awaitOpen(eventWritesOpen));

  @Test
  void aChangeReturnsBeforeItsEventIsStoredAndAQueryRightAfterItSeesTheEvent() throws Exception {
    AuditTrail trail = new AuditTrail(gated, Clock.systemUTC(), Set.of());

    String id = change(trail, "team-a");

    // The caller is back with its record written while the event write is still held.
    assertThat(memory.get("Team", id)).isPresent();
    assertThat(memory.list(RecordQuery.all(AuditTrail.KIND)).records()).isEmpty();
    CompletableFuture<List<AuditEvent>> query =
        CompletableFuture.supplyAsync(() -> trail.query(AuditQuery.builder().build()));
    eventWritesOpen.countDown();
    assertThat(query.get(10, TimeUnit.SECONDS))
        .singleElement()
        .satisfies(e -> assertThat(e.resourceName()).isEqualTo("team-a"));
    trail.close();
  }

  @Test
  void anEventIsVisibleToQueryRightAfterTheChangeThatWroteIt() {
    eventWritesOpen.countDown();
    try (Palette palette = Palette.builder().store(memory).discoverProviders(false).build()) {
      ClusterMode admin = palette.clusterMode();
      for (int i = 0; i < 20; i++) {
        String name = "u-" + i;
        admin.users().create(u -> u.name(name));

        assertThat(admin.audit().query(AuditQuery.builder().build()))
            .extracting(AuditEvent::resourceName).last().isEqualTo(name);
      }
    }
  }

  @Test
  void closeStoresEveryPendingEvent() throws Exception {
    AuditTrail trail = new AuditTrail(gated, Clock.systemUTC(), Set.of());
    for (int i = 0; i < 5; i++) {
      change(trail, "team-" + i);
    }

    CompletableFuture<Void> closing = CompletableFuture.runAsync(trail::close);
    eventWritesOpen.countDown();
    closing.get(10, TimeUnit.SECONDS);

    // Read with a trail of its own: nothing is left in the closed one's queue to wait for.
    AuditTrail reopened = new AuditTrail(memory, Clock.systemUTC(), Set.of("Team"));
    assertThat(reopened.query(AuditQuery.builder().build()))
        .extracting(AuditEvent::resourceName)
        .containsExactly("team-0", "team-1", "team-2", "team-3", "team-4");
    assertThat(reopened.verify()).isEqualTo(new AuditVerification(5, 0, ""));
    reopened.close();
  }

  @Test
  void aWatcherHearsQueuedEventsInSequenceOrder() throws Exception {
    AuditTrail trail = new AuditTrail(gated, Clock.systemUTC(), Set.of());
    List<Long> heard = new CopyOnWriteArrayList<>();
    Subscription sub = trail.watch(e -> heard.add(e.sequence()));
    for (int i = 0; i < 50; i++) {
      change(trail, "team-" + i);
    }
    assertThat(heard).isEmpty();

    eventWritesOpen.countDown();
    trail.flush();

    assertThat(heard).containsExactlyElementsOf(LongStream.rangeClosed(1, 50).boxed().toList());
    sub.close();
    trail.close();
  }

  @Test
  void aRecordWhoseEventWasLostIsReportedByVerify() {
    AtomicInteger failures = new AtomicInteger(1);
    StateStore failing = new GatedStore(memory, r -> {
      if (r.kind().equals(AuditTrail.KIND) && failures.getAndDecrement() > 0) {
        throw new PaletteException("disk full");
      }
      return false;
    });
    try (Palette palette = Palette.builder().store(failing).discoverProviders(false).build()) {
      ClusterMode admin = palette.clusterMode();

      admin.users().create(u -> u.name("alice"));

      assertThat(admin.audit().verify()).isEqualTo(new AuditVerification(0, 1,
          "User alice was last changed by event 1, which is missing"));
    }
  }

  // An audited change as the front door makes it: the record write, then its event queued.
  private String change(AuditTrail trail, String name) {
    return trail.appendAfter(ALICE, AuditAction.CREATE, "team.create", "Team", name, "", stamp -> {
      StoredRecord written = gated.create(new StoredRecord("Team", name + "-id", "", name, Map.of(), 0,
          "{\"metadata\":{\"auditSequence\":" + stamp + "}}"));
      return new AuditTrail.Change<>(written.id(), written.id(), "created team " + name);
    });
  }

  private static boolean awaitOpen(CountDownLatch latch) {
    try {
      return latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** A store whose creates first ask {@code hold}; a create it answers true for is refused. */
  private static final class GatedStore implements StateStore {
    private final StateStore inner;
    private final Predicate<StoredRecord> hold;

    GatedStore(StateStore inner, Predicate<StoredRecord> hold) {
      this.inner = inner;
      this.hold = hold;
    }

    @Override
    public Optional<StoredRecord> get(String kind, String id) {
      return inner.get(kind, id);
    }

    @Override
    public Optional<StoredRecord> getByName(String kind, String project, String name) {
      return inner.getByName(kind, project, name);
    }

    @Override
    public Listing list(RecordQuery query) {
      return inner.list(query);
    }

    @Override
    public StoredRecord create(StoredRecord record) {
      if (hold.test(record)) {
        throw new PaletteException("the gate stayed shut");
      }
      return inner.create(record);
    }

    @Override
    public StoredRecord update(StoredRecord record, long expectedRevision) {
      return inner.update(record, expectedRevision);
    }

    @Override
    public StoredRecord updateStatus(StoredRecord record, long expectedRevision) {
      return inner.updateStatus(record, expectedRevision);
    }

    @Override
    public void delete(String kind, String id, long expectedRevision) {
      inner.delete(kind, id, expectedRevision);
    }

    @Override
    public Subscription watch(long fromRevision, StoreListener listener) {
      return inner.watch(fromRevision, listener);
    }

    @Override
    public long revision() {
      return inner.revision();
    }

    @Override
    public void close() {
      inner.close();
    }
  }
}

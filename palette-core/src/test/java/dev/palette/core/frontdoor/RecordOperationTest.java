package dev.palette.core.frontdoor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.palette.Progress;
import dev.palette.Subscription;
import dev.palette.error.OperationFailedException;
import dev.palette.error.OperationTimeoutException;
import dev.palette.error.PaletteClosedException;
import dev.palette.model.ClusterPhase;
import dev.palette.model.HostCluster;
import dev.palette.model.HostClusterSpec;
import dev.palette.model.HostClusterStatus;
import dev.palette.model.Metadata;
import dev.palette.spi.StoreEvent;
import dev.palette.spi.StoredRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Operations follow a record through {@link TestEvents}, which delivers on a thread of its own as
 * the engine's hub does. A record's body is {@code "<state> <generation> <observed generation>"},
 * its state {@code work} (provisioning, percent = revision), {@code done} (running), {@code fail}
 * (error) or {@code deleting} (a delete request); the kind's rules say running is done and error
 * is failed.
 */
class RecordOperationTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final RecordOperation.Tracking<HostCluster> KIND = new RecordOperation.Tracking<>(
      RecordOperationTest::decode, HostCluster::status,
      c -> c.phase() == ClusterPhase.RUNNING, c -> c.phase() == ClusterPhase.ERROR, c -> Optional.empty());
  private final TestEvents hub = new TestEvents();
  private final AtomicLong revisions = new AtomicLong();
  private final Map<String, StoredRecord> store = new ConcurrentHashMap<>();

  @AfterEach
  void close() {
    hub.close();
  }

  private static HostCluster decode(StoredRecord r) {
    String[] body = r.body().split(" ");
    ClusterPhase phase = switch (body[0]) {
      case "done" -> ClusterPhase.RUNNING;
      case "fail" -> ClusterPhase.ERROR;
      case "deleting" -> ClusterPhase.DELETING;
      default -> ClusterPhase.PROVISIONING;
    };
    return HostCluster.builder()
        .metadata(Metadata.builder().kind(r.kind()).id(r.id()).name(r.name()).project(r.project())
            .generation(Long.parseLong(body[1])).revision(r.revision()).deletionRequested(body[0].equals("deleting"))
            .createdAt(Instant.EPOCH).updatedAt(Instant.EPOCH).build())
        .spec(HostClusterSpec.builder().name(r.name()).cloudType("sandbox").cloudAccount("sandbox").build())
        .status(HostClusterStatus.builder().phase(phase).progress((int) Math.min(100, r.revision()))
            .message(phase == ClusterPhase.ERROR ? "it failed" : "").observedGeneration(Long.parseLong(body[2])).build())
        .build();
  }

  private StoredRecord state(String id, String body) {
    return new StoredRecord("HostCluster", id, "p", id, Map.of(), revisions.incrementAndGet(),
        body.contains(" ") ? body : body + " 1 1");
  }

  private RecordOperation<HostCluster> follow(String id) {
    return follow(id, "work");
  }

  private RecordOperation<HostCluster> follow(String id, String body) {
    StoredRecord written = state(id, body);
    store.put(id, written);
    return RecordOperation.untilDone("make " + id, hub, written, () -> Optional.ofNullable(store.get(id)), KIND);
  }

  // As a store does: the write is visible to reads before its event goes out.
  private synchronized void commit(String id, String body) {
    StoredRecord next = state(id, body);
    store.put(id, next);
    hub.accept(new StoreEvent(StoreEvent.Type.UPDATED, next));
  }

  private synchronized void remove(String id) {
    StoredRecord gone = store.remove(id).withRevision(revisions.incrementAndGet());
    hub.accept(new StoreEvent(StoreEvent.Type.DELETED, gone));
  }

  @Test
  void aListenerThatThrowsOnTheFinalProgressLeavesAwaitReturning() {
    RecordOperation<HostCluster> op = follow("a");
    List<Progress> seen = new CopyOnWriteArrayList<>();
    op.onProgress(p -> {
      seen.add(p);
      throw new IllegalStateException("a careless listener");
    });

    commit("a", "work");
    commit("a", "done");

    assertThat(op.await(WAIT).name()).isEqualTo("a");
    await().atMost(WAIT).untilAsserted(() ->
        assertThat(seen).extracting(Progress::phase).containsExactly("PROVISIONING", "PROVISIONING", "RUNNING"));
  }

  @Test
  void awaitCalledInsideAListenerCompletesWithoutDeadlock() throws Exception {
    RecordOperation<HostCluster> op = follow("a");
    CompletableFuture<HostCluster> fromListener = new CompletableFuture<>();
    op.onProgress(p -> {
      if (!fromListener.isDone()) {
        fromListener.complete(op.await(WAIT));
      }
    });

    commit("a", "done");

    assertThat(fromListener.get(WAIT.toSeconds(), TimeUnit.SECONDS).name()).isEqualTo("a");
  }

  @Test
  void aSlowListenerOnOneOperationDoesNotDelayAnother() throws Exception {
    RecordOperation<HostCluster> slow = follow("slow");
    RecordOperation<HostCluster> quick = follow("quick");
    CountDownLatch release = new CountDownLatch(1);
    CompletableFuture<Boolean> slowReturned = new CompletableFuture<>();
    slow.onProgress(p -> {
      try {
        slowReturned.complete(release.await(30, TimeUnit.SECONDS));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        slowReturned.complete(false);
      }
    });
    List<Progress> quickSeen = new CopyOnWriteArrayList<>();
    quick.onProgress(quickSeen::add);

    try {
      commit("slow", "done");
      commit("quick", "done");

      assertThat(quick.await(WAIT).name()).isEqualTo("quick");
      assertThat(slow.await(WAIT).name()).isEqualTo("slow");
      await().atMost(WAIT).untilAsserted(() ->
          assertThat(quickSeen).extracting(Progress::phase).endsWith("RUNNING"));
      assertThat(slowReturned).as("the slow listener is still blocked").isNotDone();
    } finally {
      release.countDown();
    }
    assertThat(slowReturned).succeedsWithin(WAIT).isEqualTo(true);
  }

  @Test
  void closingTheSubscriptionStopsTheCalls() {
    RecordOperation<HostCluster> op = follow("a");
    List<Progress> unsubscribed = new CopyOnWriteArrayList<>();
    Subscription s = op.onProgress(unsubscribed::add);
    await().atMost(WAIT).until(() -> unsubscribed.size() == 1);
    s.close();
    List<Progress> later = new CopyOnWriteArrayList<>();
    op.onProgress(later::add);

    commit("a", "work");
    commit("a", "done");

    // One operation's callbacks run in order: once the later listener saw DONE, the closed one
    // would have seen it too.
    await().atMost(WAIT).untilAsserted(() -> assertThat(later).extracting(Progress::phase).endsWith("RUNNING"));
    assertThat(unsubscribed).hasSize(1);
  }

  @Test
  void aLateListenerHearsEveryProgressFromTheWrittenState() {
    RecordOperation<HostCluster> op = follow("a");
    commit("a", "work");
    commit("a", "done");
    op.await(WAIT);
    List<Progress> seen = new CopyOnWriteArrayList<>();

    op.onProgress(seen::add);

    await().atMost(WAIT).untilAsserted(() ->
        assertThat(seen).extracting(Progress::phase).containsExactly("PROVISIONING", "PROVISIONING", "RUNNING"));
  }

  @Test
  void noSubscriptionOutlivesItsOperationEvenWhenTheEventRacesTheStart() throws Exception {
    int baseline = hub.registrations();
    ExecutorService committer = Executors.newSingleThreadExecutor();
    List<RecordOperation<HostCluster>> ops = new ArrayList<>();
    try {
      for (int i = 0; i < 300; i++) {
        String id = "r" + i;
        StoredRecord written = state(id, "work");
        store.put(id, written);
        // The finishing event is committed while follow() subscribes: whether follow() reads it,
        // hears it, or both, nothing may stay registered.
        committer.execute(() -> commit(id, "done"));
        ops.add(RecordOperation.untilDone("make " + id, hub, written, () -> Optional.of(store.get(id)), KIND));
      }
      for (RecordOperation<HostCluster> op : ops) {
        assertThat(op.await(WAIT).name()).startsWith("r");
      }
    } finally {
      committer.shutdown();
      assertThat(committer.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }
    await().atMost(WAIT).until(() -> hub.registrations() == baseline);
  }

  @Test
  void aFailureFailsAwaitAndCloseFailsAPendingAwait() {
    RecordOperation<HostCluster> failing = follow("f");
    RecordOperation<HostCluster> pending = follow("p");
    commit("f", "fail");

    assertThatThrownBy(() -> failing.await(WAIT))
        .isInstanceOf(OperationFailedException.class)
        .hasMessage("make f failed: it failed");
    CompletableFuture<Throwable> waiter = CompletableFuture.supplyAsync(() -> {
      try {
        pending.await(WAIT.multipliedBy(3));
        return null;
      } catch (RuntimeException e) {
        return e;
      }
    });
    hub.close();

    assertThat(waiter).succeedsWithin(WAIT).isInstanceOf(PaletteClosedException.class);
    assertThat(hub.registrations()).isZero();
  }

  @Test
  void aStatusOfAnOlderGenerationNeitherFinishesNorFailsTheWork() {
    RecordOperation<HostCluster> op = follow("a", "work 2 1");

    commit("a", "done 2 1");
    commit("a", "fail 2 1");
    commit("a", "done 2 2");

    assertThat(op.await(WAIT).status().observedGeneration()).isEqualTo(2);
  }

  @Test
  void aDeleteRequestOrTheRecordsRemovalFailsTheWork() {
    RecordOperation<HostCluster> marked = follow("m");
    RecordOperation<HostCluster> removed = follow("r");

    commit("m", "deleting");
    remove("r");

    assertThatThrownBy(() -> marked.await(WAIT)).isInstanceOf(OperationFailedException.class)
        .hasMessage("make m failed: the HostCluster is being deleted");
    assertThatThrownBy(() -> removed.await(WAIT)).isInstanceOf(OperationFailedException.class)
        .hasMessage("make r failed: the HostCluster was deleted");
  }

  @Test
  void waitUntilReturnsTheFirstLaterStateThatMeetsTheCondition() throws Exception {
    RecordOperation<HostCluster> op = follow("a");
    CountDownLatch waiting = new CountDownLatch(1);
    // The latest state is tested once the waiter is registered: only then does the test commit.
    CompletableFuture<HostCluster> halfway = CompletableFuture.supplyAsync(() -> op.waitUntil(c -> {
      waiting.countDown();
      return c.status().progress() >= 3;
    }, WAIT));
    assertThat(waiting.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();

    commit("a", "work");
    commit("a", "work");
    commit("a", "work");
    commit("a", "done");

    assertThat(halfway).succeedsWithin(WAIT)
        .satisfies(c -> assertThat(c.status().progress()).isEqualTo(3))
        .satisfies(c -> assertThat(c.phase()).isEqualTo(ClusterPhase.PROVISIONING));
  }

  @Test
  void waitUntilTestsTheLatestStateFirstEvenAfterTheWorkIsDone() {
    RecordOperation<HostCluster> op = follow("a");
    commit("a", "done");
    op.await(WAIT);

    assertThat(op.waitUntil(HostCluster::isReady, Duration.ZERO).name()).isEqualTo("a");
  }

  @Test
  void waitUntilTimesOutNamingTheRecordAndItsLastStatus() {
    RecordOperation<HostCluster> op = follow("a");
    commit("a", "work");
    await().atMost(WAIT).until(() -> op.progress().percent() == 2);

    assertThatThrownBy(() -> op.waitUntil(HostCluster::isReady, Duration.ofMillis(50)))
        .isInstanceOf(OperationTimeoutException.class)
        .hasMessageContaining("make a")
        .hasMessageContaining("its last status is PROVISIONING 2%");
    assertThat(op.isDone()).isFalse();
  }

  @Test
  void waitUntilFailsWithTheWorkOrWhenItEndsWithoutMeetingTheCondition() {
    RecordOperation<HostCluster> failing = follow("f");
    RecordOperation<HostCluster> finishing = follow("d");

    commit("f", "fail");
    commit("d", "done");

    assertThatThrownBy(() -> failing.waitUntil(c -> false, WAIT))
        .isInstanceOf(OperationFailedException.class).hasMessage("make f failed: it failed");
    assertThatThrownBy(() -> finishing.waitUntil(c -> c.status().progress() > 99, WAIT))
        .isInstanceOf(OperationFailedException.class)
        .hasMessageContaining("make d is done at RUNNING").hasMessageContaining("no state it went through met the condition");
  }

  @Test
  void aDeletionEndsWhenTheRecordIsGoneAndReportsTheDeletingPhaseMeanwhile() {
    StoredRecord written = state("a", "deleting");
    store.put("a", written);
    RecordOperation<Void> op = RecordOperation.untilGone(
        "delete a", hub, written, () -> Optional.ofNullable(store.get("a")), KIND);
    List<Progress> seen = new CopyOnWriteArrayList<>();
    op.onProgress(seen::add);

    remove("a");

    assertThat(op.waitUntil(done -> true, WAIT)).isNull();
    await().atMost(WAIT).untilAsserted(() -> assertThat(seen).containsExactly(
        new Progress("DELETING", 1, ""), new Progress("DELETED", 100, "deleted")));
  }
}

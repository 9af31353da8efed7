package dev.palette.core.facade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.palette.Progress;
import dev.palette.Subscription;
import dev.palette.error.OperationFailedException;
import dev.palette.error.PaletteClosedException;
import dev.palette.spi.StoreEvent;
import dev.palette.spi.StoredRecord;
import java.time.Duration;
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
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Operations follow a record through a real {@link EventHub}; the record's body says what the
 * judge makes of it: {@code work} (still working), {@code done} or {@code fail}.
 */
class RecordOperationTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private final EventHub hub = new EventHub();
  private final AtomicLong revisions = new AtomicLong();
  private final Map<String, StoredRecord> store = new ConcurrentHashMap<>();

  @AfterEach
  void close() {
    hub.close();
  }

  private static final Function<Optional<StoredRecord>, RecordOperation.Outcome<String>> JUDGE = state -> {
    if (state.isEmpty()) {
      return new RecordOperation.Failed<>("gone", new Progress("GONE", 100, ""));
    }
    StoredRecord r = state.get();
    Progress p = new Progress(r.body().toUpperCase(), (int) Math.min(100, r.revision()), "");
    return switch (r.body()) {
      case "done" -> new RecordOperation.Done<>("result of " + r.id(), p);
      case "fail" -> new RecordOperation.Failed<>("it failed", p);
      default -> new RecordOperation.Working<>(p);
    };
  };

  private StoredRecord state(String id, String body) {
    return new StoredRecord("Thing", id, "p", id, Map.of(), revisions.incrementAndGet(), body);
  }

  private RecordOperation<String> follow(String id) {
    StoredRecord written = state(id, "work");
    store.put(id, written);
    return RecordOperation.follow("make " + id, hub, id, written, () -> Optional.of(store.get(id)), JUDGE);
  }

  // As a store does: the write is visible to reads before its event goes out.
  private synchronized void commit(String id, String body) {
    StoredRecord next = state(id, body);
    store.put(id, next);
    hub.accept(new StoreEvent(StoreEvent.Type.UPDATED, next));
  }

  @Test
  void aListenerThatThrowsOnTheFinalProgressLeavesAwaitReturning() {
    RecordOperation<String> op = follow("a");
    List<Progress> seen = new CopyOnWriteArrayList<>();
    op.onProgress(p -> {
      seen.add(p);
      throw new IllegalStateException("a careless listener");
    });

    commit("a", "work");
    commit("a", "done");

    assertThat(op.await(WAIT)).isEqualTo("result of a");
    await().atMost(WAIT).untilAsserted(() ->
        assertThat(seen).extracting(Progress::phase).containsExactly("WORK", "WORK", "DONE"));
  }

  @Test
  void awaitCalledInsideAListenerCompletesWithoutDeadlock() throws Exception {
    RecordOperation<String> op = follow("a");
    CompletableFuture<String> fromListener = new CompletableFuture<>();
    op.onProgress(p -> {
      if (!fromListener.isDone()) {
        fromListener.complete(op.await(WAIT));
      }
    });

    commit("a", "done");

    assertThat(fromListener.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo("result of a");
  }

  @Test
  void aSlowListenerOnOneOperationDoesNotDelayAnother() throws Exception {
    RecordOperation<String> slow = follow("slow");
    RecordOperation<String> quick = follow("quick");
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

      assertThat(quick.await(WAIT)).isEqualTo("result of quick");
      assertThat(slow.await(WAIT)).isEqualTo("result of slow");
      await().atMost(WAIT).untilAsserted(() ->
          assertThat(quickSeen).extracting(Progress::phase).endsWith("DONE"));
      assertThat(slowReturned).as("the slow listener is still blocked").isNotDone();
    } finally {
      release.countDown();
    }
    assertThat(slowReturned).succeedsWithin(WAIT).isEqualTo(true);
  }

  @Test
  void closingTheSubscriptionStopsTheCalls() {
    RecordOperation<String> op = follow("a");
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
    await().atMost(WAIT).untilAsserted(() -> assertThat(later).extracting(Progress::phase).endsWith("DONE"));
    assertThat(unsubscribed).hasSize(1);
  }

  @Test
  void aLateListenerHearsEveryProgressFromTheWrittenState() {
    RecordOperation<String> op = follow("a");
    commit("a", "work");
    commit("a", "done");
    op.await(WAIT);
    List<Progress> seen = new CopyOnWriteArrayList<>();

    op.onProgress(seen::add);

    await().atMost(WAIT).untilAsserted(() ->
        assertThat(seen).extracting(Progress::phase).containsExactly("WORK", "WORK", "DONE"));
  }

  @Test
  void noSubscriptionOutlivesItsOperationEvenWhenTheEventRacesTheStart() throws Exception {
    int baseline = hub.registrations();
    ExecutorService committer = Executors.newSingleThreadExecutor();
    List<RecordOperation<String>> ops = new ArrayList<>();
    try {
      for (int i = 0; i < 300; i++) {
        String id = "r" + i;
        StoredRecord written = state(id, "work");
        store.put(id, written);
        // The finishing event is committed while follow() subscribes: whether follow() reads it,
        // hears it, or both, nothing may stay registered.
        committer.execute(() -> commit(id, "done"));
        ops.add(RecordOperation.follow("make " + id, hub, id, written, () -> Optional.of(store.get(id)), JUDGE));
      }
      for (RecordOperation<String> op : ops) {
        assertThat(op.await(WAIT)).startsWith("result of r");
      }
    } finally {
      committer.shutdown();
      assertThat(committer.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }
    await().atMost(WAIT).until(() -> hub.registrations() == baseline);
  }

  @Test
  void aFailureFailsAwaitAndCloseFailsAPendingAwait() {
    RecordOperation<String> failing = follow("f");
    RecordOperation<String> pending = follow("p");
    commit("f", "fail");

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> failing.await(WAIT))
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
}

package dev.palette.core.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.palette.ManualClock;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class ControllerRuntimeTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  private static Reconciler reconciler(Function<String, Result> body) {
    return new Reconciler() {
      @Override
      public String kind() {
        return "Thing";
      }

      @Override
      public Result reconcile(String id) {
        return body.apply(id);
      }
    };
  }

  @Test
  void neverRunsTwoReconcilesOfOneRecordAtOnceButRunsAgainAfterAChange() throws Exception {
    AtomicInteger running = new AtomicInteger();
    AtomicInteger maxRunning = new AtomicInteger();
    AtomicInteger calls = new AtomicInteger();
    CountDownLatch firstStarted = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicBoolean releaseTimedOut = new AtomicBoolean();
    try (ControllerRuntime runtime = new ControllerRuntime(4, RetryPolicy.DEFAULT)) {
      runtime.register(reconciler(id -> {
        maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
        calls.incrementAndGet();
        firstStarted.countDown();
        releaseTimedOut.compareAndSet(false, !awaitLatch(release));
        running.decrementAndGet();
        return Result.done();
      }));
      runtime.enqueue("Thing", "a");
      assertThat(firstStarted.await(10, TimeUnit.SECONDS)).isTrue();
      for (int i = 0; i < 50; i++) {
        runtime.enqueue("Thing", "a");
      }
      release.countDown();
      await().atMost(WAIT).until(() -> calls.get() == 2 && running.get() == 0);
    }
    assertThat(releaseTimedOut).isFalse();
    assertThat(maxRunning.get()).isEqualTo(1);
    assertThat(calls.get()).isEqualTo(2);
  }

  @Test
  void differentRecordsRunInParallel() throws Exception {
    // Each reconcile waits until both have started: run one after the other, the first times out.
    CountDownLatch bothStarted = new CountDownLatch(2);
    AtomicInteger sawTheOther = new AtomicInteger();
    AtomicInteger finished = new AtomicInteger();
    try (ControllerRuntime runtime = new ControllerRuntime(2, RetryPolicy.DEFAULT)) {
      runtime.register(reconciler(id -> {
        bothStarted.countDown();
        if (awaitLatch(bothStarted)) {
          sawTheOther.incrementAndGet();
        }
        finished.incrementAndGet();
        return Result.done();
      }));
      runtime.enqueue("Thing", "a");
      runtime.enqueue("Thing", "b");
      await().atMost(WAIT.multipliedBy(2)).until(() -> finished.get() == 2);
    }
    assertThat(sawTheOther.get()).as("reconciles that saw the other one running").isEqualTo(2);
  }

  @Test
  void failuresAreRetriedAndRequeuesComeBack() throws Exception {
    AtomicInteger attempts = new AtomicInteger();
    try (ControllerRuntime runtime =
        new ControllerRuntime(1, new RetryPolicy(Duration.ofMillis(1), Duration.ofMillis(5)))) {
      runtime.register(reconciler(id -> {
        int n = attempts.incrementAndGet();
        if (n <= 2) {
          throw new IllegalStateException("boom " + n);
        }
        return n == 3 ? Result.retry(new RuntimeException("again"))
            : n == 4 ? Result.requeueAfter(Duration.ofMillis(5)) : Result.done();
      }));
      runtime.enqueue("Thing", "a");
      await().atMost(WAIT).until(() -> attempts.get() == 5);
    }
    assertThat(attempts.get()).isEqualTo(5);
  }

  @Test
  void anErrorInAReconcileReleasesTheRecordAndItIsRetried() {
    AtomicInteger attempts = new AtomicInteger();
    AtomicInteger later = new AtomicInteger();
    try (ControllerRuntime runtime =
        new ControllerRuntime(1, new RetryPolicy(Duration.ofMillis(1), Duration.ofMillis(5)))) {
      runtime.register(reconciler(id -> {
        if (id.equals("a") && attempts.incrementAndGet() == 1) {
          throw new AssertionError("a bug in a reconciler");
        }
        if (id.equals("later")) {
          later.incrementAndGet();
        }
        return Result.done();
      }));
      runtime.enqueue("Thing", "a");
      await().atMost(WAIT).until(() -> attempts.get() == 2);
      // Not wedged: a change to the record is reconciled, and the one worker still takes other work.
      runtime.enqueue("Thing", "a");
      runtime.enqueue("Thing", "later");
      await().atMost(WAIT).until(() -> attempts.get() == 3 && later.get() == 1);
    }
  }

  @Test
  void resyncReconcilesEveryRecordAgainWhenTheClockPassesThePeriod() {
    ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
    Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    try (ControllerRuntime runtime = new ControllerRuntime(2, RetryPolicy.DEFAULT)) {
      runtime.register(reconciler(id -> {
        calls.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
        return Result.done();
      }));
      runtime.resyncEvery(Duration.ofMinutes(10), clock, kind -> List.of("a", "b"));

      clock.advance(Duration.ofMinutes(9));
      await().during(Duration.ofMillis(600)).atMost(WAIT).until(calls::isEmpty);
      clock.advance(Duration.ofMinutes(2));
      await().atMost(WAIT).until(() -> count(calls, "a") == 1 && count(calls, "b") == 1);
      clock.advance(Duration.ofMinutes(11));
      await().atMost(WAIT).until(() -> count(calls, "a") == 2 && count(calls, "b") == 2);
    }
  }

  @Test
  void aFailedReconcileIsLoggedWithItsStackTrace() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream original = System.err;
    AtomicInteger attempts = new AtomicInteger();
    // slf4j-simple writes to whatever System.err is at the time of the line.
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try (ControllerRuntime runtime =
        new ControllerRuntime(1, new RetryPolicy(Duration.ofMillis(1), Duration.ofMillis(5)))) {
      runtime.register(reconciler(id -> {
        if (attempts.incrementAndGet() == 1) {
          throw new IllegalStateException("the cloud said no");
        }
        return Result.done();
      }));
      runtime.enqueue("Thing", "a");
      await().atMost(WAIT).until(() -> attempts.get() == 2);
    } finally {
      System.setErr(original);
    }
    String logged = err.toString(StandardCharsets.UTF_8);
    assertThat(logged).contains("reconcile of Thing a failed")
        .contains("java.lang.IllegalStateException: the cloud said no")
        .contains("at dev.palette.core.controller.ControllerRuntimeTest");
  }

  private static int count(Map<String, AtomicInteger> calls, String id) {
    AtomicInteger n = calls.get(id);
    return n == null ? 0 : n.get();
  }

  @Test
  void backoffGrowsExponentiallyUpToTheCapWithJitter() {
    RetryPolicy policy = new RetryPolicy(Duration.ofMillis(100), Duration.ofSeconds(1));
    for (int i = 0; i < 100; i++) {
      assertThat(policy.delay(1).toMillis()).isBetween(10L, 100L);
      assertThat(policy.delay(3).toMillis()).isBetween(40L, 400L);
      assertThat(policy.delay(20).toMillis()).isBetween(100L, 1000L);
    }
  }

  /** True when the latch opened within the wait, false when the wait ran out. */
  private static boolean awaitLatch(CountDownLatch latch) {
    try {
      return latch.await(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}

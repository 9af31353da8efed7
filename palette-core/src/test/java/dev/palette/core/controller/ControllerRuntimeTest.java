package dev.palette.core.controller;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class ControllerRuntimeTest {
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
    try (ControllerRuntime runtime = new ControllerRuntime(4, RetryPolicy.DEFAULT)) {
      runtime.register(reconciler(id -> {
        maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
        calls.incrementAndGet();
        firstStarted.countDown();
        await(release);
        running.decrementAndGet();
        return Result.done();
      }));
      runtime.enqueue("Thing", "a");
      assertThat(firstStarted.await(10, TimeUnit.SECONDS)).isTrue();
      for (int i = 0; i < 50; i++) {
        runtime.enqueue("Thing", "a");
      }
      release.countDown();
      waitFor(() -> calls.get() == 2 && running.get() == 0);
    }
    assertThat(maxRunning.get()).isEqualTo(1);
    assertThat(calls.get()).isEqualTo(2);
  }

  @Test
  void differentRecordsRunInParallel() throws Exception {
    CountDownLatch both = new CountDownLatch(2);
    AtomicInteger done = new AtomicInteger();
    try (ControllerRuntime runtime = new ControllerRuntime(2, RetryPolicy.DEFAULT)) {
      runtime.register(reconciler(id -> {
        both.countDown();
        await(both);
        done.incrementAndGet();
        return Result.done();
      }));
      runtime.enqueue("Thing", "a");
      runtime.enqueue("Thing", "b");
      waitFor(() -> done.get() == 2);
    }
    assertThat(done.get()).isEqualTo(2);
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
      waitFor(() -> attempts.get() == 5);
    }
    assertThat(attempts.get()).isEqualTo(5);
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

  private static void await(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
  }
}

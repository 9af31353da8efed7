package dev.palette.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palette.model.CloudAccountSpec;
import dev.palette.model.HostClusterSpec;
import dev.palette.model.NodePoolSpec;
import dev.palette.spi.CloudProvider;
import dev.palette.spi.ClusterContext;
import dev.palette.spi.HttpTransport;
import dev.palette.spi.ProviderContext;
import dev.palette.spi.StepOutcome;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;

/** Builds cluster contexts and drives a provider the way the engine's controller does. */
final class Clusters {
  static final CloudAccountSpec ACCOUNT =
      CloudAccountSpec.builder().name("local").cloudType("sandbox").build();

  // One timer for every test's provider context; daemon, so it never holds the JVM.
  private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "sandbox-test-timer");
    t.setDaemon(true);
    return t;
  });

  private Clusters() {}

  /** What an engine hands a factory: the system clock, a timer, {@code settings}, the JDK client. */
  static ProviderContext providerContext(Map<String, String> settings) {
    return new ProviderContext(Clock.systemUTC(), TIMER, settings, HttpTransport.JDK);
  }

  /** One control-plane node and {@code workers} workers of {@code sandbox.medium}. */
  static ClusterContext context(String id, String name, int workers) {
    return context(id, name, workers, "sandbox.medium");
  }

  static ClusterContext context(String id, String name, int workers, String workerType) {
    HostClusterSpec spec = HostClusterSpec.builder()
        .name(name)
        .cloudType("sandbox")
        .cloudAccount("local")
        .addNodePool(NodePoolSpec.builder()
            .name("cp").size(1).controlPlane(true).instanceType("sandbox.medium").build())
        .addNodePool(NodePoolSpec.builder()
            .name("workers").size(workers).instanceType(workerType).build())
        .build();
    return new ClusterContext(id, "demo", spec, ACCOUNT, Map.of());
  }

  /** The same cluster with its worker pool resized. */
  static ClusterContext resized(ClusterContext ctx, int workers) {
    List<NodePoolSpec> pools = new ArrayList<>();
    for (NodePoolSpec pool : ctx.spec().nodePools()) {
      pools.add(pool.name().equals("workers") ? pool.toBuilder().size(workers).build() : pool);
    }
    HostClusterSpec spec = ctx.spec().toBuilder().nodePools(pools).build();
    return ctx.withSpec(spec);
  }

  /**
   * Calls {@code reconcile} until Ready, handing each InProgress's {@code after} to {@code waiter},
   * retrying retryable failures and failing the test on a permanent one, as the controller does;
   * returns every outcome seen but the failures, the last one Ready.
   */
  static List<StepOutcome> untilRunning(
      CloudProvider provider, ClusterContext ctx, Consumer<Duration> waiter) {
    List<StepOutcome> steps = new ArrayList<>();
    for (int attempt = 0; attempt < 1_000; attempt++) {
      StepOutcome step = provider.reconcile(ctx);
      if (step instanceof StepOutcome.Failed f) {
        assertThat(f.retryable()).as("a permanent failure: %s", f).isTrue();
        continue;
      }
      steps.add(step);
      if (step instanceof StepOutcome.Ready) {
        return steps;
      }
      waiter.accept(((StepOutcome.InProgress) step).after());
    }
    throw new AssertionError("not Ready after 1000 steps: " + steps.get(steps.size() - 1));
  }

  /** Drives a provider whose cloud has no delay: nothing is ever waited for. */
  static StepOutcome.Ready untilRunning(CloudProvider provider, ClusterContext ctx) {
    List<StepOutcome> steps = untilRunning(provider, ctx, after -> {
      throw new AssertionError("a zero-delay sandbox asked to wait " + after);
    });
    return (StepOutcome.Ready) steps.get(steps.size() - 1);
  }

  /** The outcome as a failure, failing the test when it is not one. */
  static StepOutcome.Failed failed(StepOutcome outcome) {
    assertThat(outcome).isInstanceOf(StepOutcome.Failed.class);
    return (StepOutcome.Failed) outcome;
  }
}

package dev.palette.sandbox;

import dev.palette.error.ProviderException;
import dev.palette.model.CloudAccountSpec;
import dev.palette.model.ClusterPhase;
import dev.palette.model.HostClusterSpec;
import dev.palette.model.HostClusterStatus;
import dev.palette.model.NodePoolSpec;
import dev.palette.spi.CloudProvider;
import dev.palette.spi.ClusterContext;
import dev.palette.spi.ProvisionStep;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Builds cluster contexts and drives a provider the way the engine's controller does. */
final class Clusters {
  static final CloudAccountSpec ACCOUNT =
      CloudAccountSpec.builder().name("local").cloudType("sandbox").build();

  private Clusters() {}

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
    return new ClusterContext(id, "demo", spec, ACCOUNT, HostClusterStatus.builder().build());
  }

  /** The same cluster with its worker pool resized. */
  static ClusterContext resized(ClusterContext ctx, int workers) {
    List<NodePoolSpec> pools = new ArrayList<>();
    for (NodePoolSpec pool : ctx.spec().nodePools()) {
      pools.add(pool.name().equals("workers") ? pool.toBuilder().size(workers).build() : pool);
    }
    HostClusterSpec spec = ctx.spec().toBuilder().nodePools(pools).build();
    return new ClusterContext(ctx.clusterId(), ctx.project(), spec, ctx.account(), ctx.status());
  }

  /**
   * Calls {@code reconcile} until RUNNING, handing each requeueAfter to {@code waiter} and retrying
   * retryable failures, as the controller does; returns every step seen.
   */
  static List<ProvisionStep> untilRunning(
      CloudProvider provider, ClusterContext ctx, Consumer<Duration> waiter) {
    List<ProvisionStep> steps = new ArrayList<>();
    for (int attempt = 0; attempt < 1_000; attempt++) {
      ProvisionStep step;
      try {
        step = provider.reconcile(ctx);
      } catch (ProviderException e) {
        if (!e.retryable()) {
          throw e;
        }
        continue;
      }
      steps.add(step);
      if (step.phase() == ClusterPhase.RUNNING) {
        return steps;
      }
      waiter.accept(step.requeueAfter());
    }
    throw new AssertionError("not RUNNING after 1000 steps: " + steps.get(steps.size() - 1));
  }

  /** Drives a provider whose cloud has no delay: nothing is ever waited for. */
  static ProvisionStep untilRunning(CloudProvider provider, ClusterContext ctx) {
    List<ProvisionStep> steps = untilRunning(provider, ctx, after -> {
      throw new AssertionError("a zero-delay sandbox asked to wait " + after);
    });
    return steps.get(steps.size() - 1);
  }
}

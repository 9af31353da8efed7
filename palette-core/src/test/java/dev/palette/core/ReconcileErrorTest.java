package dev.palette.core;

import static dev.palette.core.Fixtures.PROJECT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.palette.Palette;
import dev.palette.model.ClusterPhase;
import dev.palette.model.HostCluster;
import dev.palette.sandbox.SandboxCloud;
import dev.palette.sandbox.SandboxProvider;
import dev.palette.sandbox.SandboxSettings;
import dev.palette.spi.CloudProvider;
import dev.palette.testkit.provider.ForwardingCloudProvider;
import dev.palette.spi.ClusterContext;
import dev.palette.spi.StepOutcome;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** An {@code Error} thrown inside a reconcile is retried like any failure instead of wedging the record. */
class ReconcileErrorTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @Test
  void anAssertionErrorInAReconcileIsRetriedAndTheClusterCanStillBeDeleted() {
    AtomicInteger reconciles = new AtomicInteger();
    AtomicInteger deletes = new AtomicInteger();
    try (SandboxCloud cloud = new SandboxCloud(SandboxSettings.instant())) {
      CloudProvider failingOnce = new Failing(new SandboxProvider(cloud, Clock.systemUTC()), reconciles, deletes);
      try (Palette palette = Palette.builder().discoverProviders(false).provider(failingOnce).build()) {
        Fixtures.projectWithAccount(palette.clusterMode());

        HostCluster running = palette.clusterMode().clusters().inProject(PROJECT)
            .create(Fixtures.cluster("gpu-1")).await(WAIT);

        assertThat(running.phase()).isEqualTo(ClusterPhase.RUNNING);
        assertThat(reconciles.get()).isGreaterThanOrEqualTo(2);
        palette.clusterMode().clusters().inProject(PROJECT).withName("gpu-1").delete().await(WAIT);
        assertThat(palette.clusterMode().clusters().inProject(PROJECT).withName("gpu-1").get()).isEmpty();
        assertThat(deletes.get()).isGreaterThanOrEqualTo(2);
        assertThat(cloud.clusters()).isEmpty();
      }
    }
  }

  /** The sandbox, with the first reconcile and the first delete throwing an AssertionError. */
  private static final class Failing extends ForwardingCloudProvider {
    private final AtomicInteger reconciles;
    private final AtomicInteger deletes;

    Failing(CloudProvider delegate, AtomicInteger reconciles, AtomicInteger deletes) {
      super(delegate);
      this.reconciles = reconciles;
      this.deletes = deletes;
    }

    @Override
    public StepOutcome reconcile(ClusterContext cluster) {
      if (reconciles.incrementAndGet() == 1) {
        throw new AssertionError("a bug in the provider");
      }
      return super.reconcile(cluster);
    }

    @Override
    public StepOutcome delete(ClusterContext cluster) {
      if (deletes.incrementAndGet() == 1) {
        throw new AssertionError("a bug in the provider's delete");
      }
      return super.delete(cluster);
    }
  }
}

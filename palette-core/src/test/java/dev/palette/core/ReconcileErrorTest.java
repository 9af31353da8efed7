package dev.palette.core;

import static dev.palette.core.Fixtures.PROJECT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.palette.Palette;
import dev.palette.error.Violation;
import dev.palette.model.CloudAccountSpec;
import dev.palette.model.ClusterPhase;
import dev.palette.model.HostCluster;
import dev.palette.model.HostClusterSpec;
import dev.palette.model.InstanceType;
import dev.palette.sandbox.SandboxCloud;
import dev.palette.sandbox.SandboxProvider;
import dev.palette.sandbox.SandboxSettings;
import dev.palette.spi.CloudProvider;
import dev.palette.spi.ClusterContext;
import dev.palette.spi.AccountCheck;
import dev.palette.spi.ClusterCredentials;
import dev.palette.spi.ProviderCapabilities;
import dev.palette.spi.StepOutcome;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
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
  private record Failing(CloudProvider delegate, AtomicInteger reconciles, AtomicInteger deletes)
      implements CloudProvider {
    @Override
    public String id() {
      return delegate.id();
    }

    @Override
    public List<Violation> validateAccount(CloudAccountSpec account) {
      return delegate.validateAccount(account);
    }

    @Override
    public ProviderCapabilities capabilities() {
      return delegate.capabilities();
    }

    @Override
    public AccountCheck verifyAccount(CloudAccountSpec account) {
      return delegate.verifyAccount(account);
    }

    @Override
    public List<Violation> validateCluster(HostClusterSpec spec, CloudAccountSpec account) {
      return delegate.validateCluster(spec, account);
    }

    @Override
    public List<InstanceType> instanceTypes(CloudAccountSpec account, String region) {
      return delegate.instanceTypes(account, region);
    }

    @Override
    public StepOutcome reconcile(ClusterContext cluster) {
      if (reconciles.incrementAndGet() == 1) {
        throw new AssertionError("a bug in the provider");
      }
      return delegate.reconcile(cluster);
    }

    @Override
    public StepOutcome delete(ClusterContext cluster) {
      if (deletes.incrementAndGet() == 1) {
        throw new AssertionError("a bug in the provider's delete");
      }
      return delegate.delete(cluster);
    }

    @Override
    public ClusterCredentials access(ClusterContext cluster) {
      return delegate.access(cluster);
    }
  }
}

package dev.palette.core;

import static dev.palette.core.Fixtures.PROJECT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.palette.Palette;
import dev.palette.Subscription;
import dev.palette.dsl.HostClusters;
import dev.palette.model.ClusterPhase;
import dev.palette.sandbox.SandboxCloud;
import dev.palette.sandbox.SandboxProvider;
import dev.palette.sandbox.SandboxSettings;
import dev.palette.spi.Leadership;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** Controllers run only while the engine leads; the front door serves either way. */
class LeadershipTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final Duration QUIET = Duration.ofSeconds(1);

  @Test
  void controllersRunWhileElectedStopWhenRevokedAndTheFrontDoorWorksThroughout() {
    Toggle leadership = new Toggle();
    try (SandboxCloud cloud = new SandboxCloud(SandboxSettings.instant());
        Palette palette = Palette.builder().discoverProviders(false).leadership(leadership)
            .provider(new SandboxProvider(cloud, Clock.systemUTC())).build()) {
      // Not the fixture's: it waits for the account check, which only a leader makes.
      palette.clusterMode().projects().create(p -> p.name(PROJECT));
      palette.clusterMode().cloudAccounts().inProject(PROJECT).create(a -> a.name("sandbox").cloudType("sandbox"));
      HostClusters clusters = palette.clusterMode().clusters().inProject(PROJECT);

      clusters.create(Fixtures.cluster("gpu-1"));
      await().during(QUIET).atMost(WAIT).until(() -> clusters.withName("gpu-1").require().phase() == ClusterPhase.PENDING);

      leadership.elect();
      await().atMost(WAIT).until(() -> clusters.withName("gpu-1").require().phase() == ClusterPhase.RUNNING);

      leadership.revoke();
      clusters.create(Fixtures.cluster("gpu-2"));
      await().during(QUIET).atMost(WAIT).until(() -> clusters.withName("gpu-2").require().phase() == ClusterPhase.PENDING);

      leadership.elect();
      await().atMost(WAIT).until(() -> clusters.withName("gpu-2").require().phase() == ClusterPhase.RUNNING);
      assertThat(cloud.clusters()).hasSize(2);
    }
    assertThat(leadership.left).as("the engine left the election on close").isTrue();
  }

  /** An election the test decides. */
  private static final class Toggle implements Leadership {
    private Runnable onElected;
    private Runnable onRevoked;
    final AtomicBoolean left = new AtomicBoolean();

    @Override
    public Subscription join(Runnable onElected, Runnable onRevoked) {
      this.onElected = onElected;
      this.onRevoked = onRevoked;
      return () -> left.set(true);
    }

    void elect() {
      onElected.run();
    }

    void revoke() {
      onRevoked.run();
    }
  }
}

package dev.palette.core;

import static dev.palette.core.Fixtures.PROJECT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.palette.Palette;
import dev.palette.Subscription;
import dev.palette.event.RecordEvent;
import dev.palette.model.ClusterPhase;
import dev.palette.model.HostCluster;
import dev.palette.sandbox.SandboxCloud;
import dev.palette.sandbox.SandboxProvider;
import dev.palette.sandbox.SandboxSettings;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Provisioning stopped halfway by closing the {@code Palette} resumes when the same directory
 * store is opened again, and the cloud (which outlives the process, as a real one would) ends up
 * with exactly one cluster.
 */
class ResumeTest {
  @TempDir Path dir;

  @Test
  void provisioningStoppedHalfwayResumesOnReopenAndCreatesNothingTwice() throws Exception {
    SandboxSettings slow = SandboxSettings.builder()
        .provisioningDelay(Duration.ofSeconds(2)).jitter(Duration.ZERO).build();
    AtomicInteger runningTransitions = new AtomicInteger();
    try (SandboxCloud cloud = new SandboxCloud(slow)) {
      CountDownLatch provisioning = new CountDownLatch(1);
      try (Palette first = open(cloud)) {
        Fixtures.projectWithAccount(first.clusterMode());
        Subscription s = first.clusterMode().clusters().inProject(PROJECT).watch(e -> {
          if (e.record().phase() == ClusterPhase.PROVISIONING) {
            provisioning.countDown();
          }
          countRunning(e, runningTransitions);
        });
        first.clusterMode().clusters().inProject(PROJECT).create(Fixtures.cluster("gpu-1"));
        assertThat(provisioning.await(20, TimeUnit.SECONDS)).isTrue();
        s.close();
      }
      assertThat(cloud.clustersCreated()).isEqualTo(1);

      try (Palette second = open(cloud)) {
        HostCluster before = second.clusterMode().clusters().inProject(PROJECT).withName("gpu-1").require();
        assertThat(before.phase()).isEqualTo(ClusterPhase.PROVISIONING);
        second.clusterMode().clusters().inProject(PROJECT).watch(e -> countRunning(e, runningTransitions));

        HostCluster running = second.clusterMode().clusters().inProject(PROJECT).withName("gpu-1")
            .untilReady().await(Duration.ofSeconds(30));

        assertThat(running.phase()).isEqualTo(ClusterPhase.RUNNING);
        assertThat(running.metadata().id()).isEqualTo(before.metadata().id());
        assertThat(cloud.clustersCreated()).isEqualTo(1);
        assertThat(cloud.clusters()).hasSize(1);
      }
      assertThat(runningTransitions.get()).isEqualTo(1);
    }
  }

  private Palette open(SandboxCloud cloud) {
    return Palette.builder()
        .directoryStore(dir)
        .discoverProviders(false)
        .provider(new SandboxProvider(cloud, Clock.systemUTC()))
        .build();
  }

  private static void countRunning(RecordEvent<HostCluster> e, AtomicInteger counter) {
    if (e.type() == RecordEvent.Type.MODIFIED && e.record().phase() == ClusterPhase.RUNNING) {
      counter.incrementAndGet();
    }
  }
}

package dev.palette.core;

import static dev.palette.core.Fixtures.PROJECT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import dev.palette.Operation;
import dev.palette.Palette;
import dev.palette.error.OperationFailedException;
import dev.palette.error.ProviderException;
import dev.palette.model.ClusterPhase;
import dev.palette.model.Condition;
import dev.palette.model.HostCluster;
import dev.palette.sandbox.FaultPoint;
import dev.palette.sandbox.SandboxCloud;
import dev.palette.sandbox.SandboxFaults;
import dev.palette.sandbox.SandboxProvider;
import dev.palette.sandbox.SandboxSettings;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A provider's error code, retryability and retry-after survive into the exception and the status. */
class ProviderFailureTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private SandboxCloud cloud;
  private Palette palette;

  @BeforeEach
  void start() {
    cloud = new SandboxCloud(SandboxSettings.instant());
    palette = Palette.builder().discoverProviders(false)
        .provider(new SandboxProvider(cloud, Clock.systemUTC())).build();
    Fixtures.projectWithAccount(palette.clusterMode());
  }

  @AfterEach
  void stop() {
    palette.close();
    cloud.close();
  }

  @Test
  void aPermanentFaultFailsTheOperationWithTheProvidersCodeAndTheStatusKeepsIt() {
    cloud.faults().failNext(FaultPoint.CREATE, 1, false);
    Operation<HostCluster> create = palette.clusterMode().clusters().inProject(PROJECT).create(Fixtures.cluster("doomed"));

    OperationFailedException failure = catchThrowableOfType(OperationFailedException.class, () -> create.await(WAIT));

    assertThat(failure.provider()).contains("sandbox");
    assertThat(failure.code()).contains(SandboxFaults.CODE);
    assertThat(failure.retryable()).isFalse();
    assertThat(failure.retryAfter()).isEmpty();
    assertThat(failure.getCause()).isInstanceOf(ProviderException.class);
    assertThat(((ProviderException) failure.getCause()).detail()).contains("injected failure at CREATE");
    HostCluster doomed = palette.clusterMode().clusters().inProject(PROJECT).withName("doomed").require();
    assertThat(doomed.phase()).isEqualTo(ClusterPhase.ERROR);
    assertThat(doomed.status().conditions()).singleElement().satisfies(c -> {
      assertThat(c.type()).isEqualTo("ProviderError");
      assertThat(c.status()).isTrue();
      assertThat(c.reason()).isEqualTo(SandboxFaults.CODE);
      assertThat(c.message()).contains("injected failure at CREATE");
    });
  }

  @Test
  void aRetryableFaultIsShownInTheStatusWhileRetryingAndClearedOnceItRuns() {
    cloud.faults().failNext(FaultPoint.CREATE, 1, true);

    HostCluster running = palette.clusterMode().clusters().inProject(PROJECT)
        .create(Fixtures.cluster("flaky")).await(WAIT);

    assertThat(running.phase()).isEqualTo(ClusterPhase.RUNNING);
    assertThat(running.status().conditions()).extracting(Condition::type).doesNotContain("ProviderError");
  }

  @Test
  void aRetryAfterTheCloudAsksForIsHonouredAndShownInTheStatus() {
    cloud.faults().failNext(FaultPoint.CREATE, 1, Duration.ofHours(1));

    palette.clusterMode().clusters().inProject(PROJECT).create(Fixtures.cluster("throttled"));

    await().atMost(WAIT).untilAsserted(() -> {
      HostCluster c = palette.clusterMode().clusters().inProject(PROJECT).withName("throttled").require();
      assertThat(c.status().failures()).isOne();
      assertThat(c.status().message()).contains("retry after PT1H");
      assertThat(c.status().conditions()).extracting(Condition::reason).containsExactly(SandboxFaults.CODE);
    });
    // The backoff alone would have tried again within 200 ms; the cloud asked for an hour.
    await().during(Duration.ofMillis(700)).atMost(WAIT).until(() -> cloud.clustersCreated() == 0);
  }
}

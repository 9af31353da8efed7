package dev.palette.sandbox;

import dev.palette.ManualClock;
import static dev.palette.sandbox.Clusters.context;
import static dev.palette.sandbox.Clusters.failed;
import static dev.palette.sandbox.Clusters.resized;
import static dev.palette.sandbox.Clusters.untilRunning;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.palette.error.ProviderException;
import dev.palette.error.Violation;
import dev.palette.model.CloudAccountSpec;
import dev.palette.model.ClusterPhase;
import dev.palette.model.InstanceType;
import dev.palette.model.NodeInfo;
import dev.palette.model.NodeState;
import dev.palette.spi.CloudProvider;
import dev.palette.spi.CloudProviderFactory;
import dev.palette.spi.ClusterContext;
import dev.palette.spi.StepOutcome;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SandboxProviderTest {
  private final SandboxCloud cloud = new SandboxCloud(SandboxSettings.instant());
  private final SandboxProvider provider = new SandboxProvider(cloud, Clock.systemUTC());

  @AfterEach
  void closeCloud() {
    provider.close();
    cloud.close();
  }

  @Test
  void clusterOfOneControlPlaneAndThreeWorkersReachesRunning() {
    StepOutcome.Ready step = untilRunning(provider, context("c-1", "web", 3));

    assertThat(step.observed()).containsExactly(Map.entry(SandboxProvider.CLUSTER_REF, "sandbox://c-1"));
    assertThat(step.nodes()).extracting(NodeInfo::name)
        .containsExactly("web-cp-0", "web-workers-0", "web-workers-1", "web-workers-2");
    assertThat(step.nodes()).allSatisfy(n -> {
      assertThat(n.state()).isEqualTo(NodeState.RUNNING);
      assertThat(n.instanceType()).isEqualTo("sandbox.medium");
      assertThat(n.cpu()).isEqualTo(4);
      assertThat(n.memoryMiB()).isEqualTo(8192);
      assertThat(n.gpus()).isZero();
      assertThat(n.providerId()).isEqualTo("sandbox://c-1/" + n.name());
    });
    assertThat(step.nodes()).filteredOn(NodeInfo::controlPlane).extracting(NodeInfo::pool)
        .containsExactly("cp");
    assertThat(cloud.cluster("c-1")).get()
        .satisfies(c -> assertThat(c.nodes()).hasSize(4))
        .satisfies(c -> assertThat(c.apiServerRunning()).isFalse());
  }

  @Test
  void reconcilingARunningClusterAgainChangesNothing() {
    ClusterContext ctx = context("c-1", "web", 3);
    StepOutcome.Ready first = untilRunning(provider, ctx);
    StepOutcome.Ready again = untilRunning(provider, ctx);

    assertThat(again.nodes()).isEqualTo(first.nodes());
    assertThat(cloud.clustersCreated()).isEqualTo(1);
  }

  @Test
  void scalingWorkersUpAndDownAddsAndRemovesNodes() {
    ClusterContext ctx = context("c-1", "web", 3);
    untilRunning(provider, ctx);

    StepOutcome.Ready five = untilRunning(provider, resized(ctx, 5));
    assertThat(five.nodes()).filteredOn(n -> n.pool().equals("workers")).extracting(NodeInfo::name)
        .containsExactly("web-workers-0", "web-workers-1", "web-workers-2", "web-workers-3",
            "web-workers-4");

    StepOutcome.Ready two = untilRunning(provider, resized(ctx, 2));
    assertThat(two.nodes()).extracting(NodeInfo::name)
        .containsExactly("web-cp-0", "web-workers-0", "web-workers-1");
  }

  @Test
  void changingAPoolsInstanceTypeReplacesItsNodes() {
    ClusterContext ctx = context("c-1", "web", 2);
    untilRunning(provider, ctx);

    StepOutcome.Ready step = untilRunning(provider, context("c-1", "web", 2, "sandbox.gpu"));

    assertThat(step.nodes()).filteredOn(n -> n.pool().equals("workers"))
        .extracting(NodeInfo::instanceType).containsOnly("sandbox.gpu").hasSize(2);
    assertThat(step.nodes()).filteredOn(n -> n.pool().equals("workers"))
        .extracting(NodeInfo::gpus).containsOnly(1);
  }

  @Test
  void twoProvidersOverOneCloudCreateTheClusterOnce() {
    ClusterContext ctx = context("c-1", "web", 3);
    try (SandboxProvider second = new SandboxProvider(cloud, Clock.systemUTC())) {
      untilRunning(provider, ctx);
      StepOutcome.Ready resumed = untilRunning(second, ctx);

      assertThat(resumed.nodes()).hasSize(4);
    }
    assertThat(cloud.clustersCreated()).isEqualTo(1);
    assertThat(cloud.clusters()).hasSize(1);
  }

  @Test
  void providersRacingOnOneClusterFromManyThreadsCreateItOnce() throws Exception {
    ClusterContext ctx = context("c-1", "web", 3);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try (SandboxProvider second = new SandboxProvider(cloud, Clock.systemUTC())) {
      List<Future<StepOutcome.Ready>> steps = new ArrayList<>();
      for (int i = 0; i < 64; i++) {
        CloudProvider p = i % 2 == 0 ? provider : second;
        steps.add(pool.submit(() -> untilRunning(p, ctx)));
      }
      for (Future<StepOutcome.Ready> step : steps) {
        assertThat(step.get().nodes()).hasSize(4);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(cloud.clustersCreated()).isEqualTo(1);
  }

  @Test
  void aProviderGivenACloudLeavesItOpenWhenClosed() {
    new SandboxProvider(cloud, Clock.systemUTC()).close();

    untilRunning(provider, context("c-1", "web", 1));
    assertThat(cloud.clusters()).hasSize(1);
  }

  @Test
  void aProviderWithItsOwnCloudClosesIt() {
    SandboxProvider owner = new SandboxProvider(SandboxSettings.instant(), Clock.systemUTC());
    untilRunning(owner, context("c-1", "web", 1));
    owner.close();

    assertThat(failed(owner.reconcile(context("c-1", "web", 1))).code()).isEqualTo("CloudClosed");
  }

  @Test
  void injectedCreateFaultsFailTheConfiguredNumberOfTimesThenSucceed() {
    cloud.faults().failNext(FaultPoint.CREATE, 2, true);
    ClusterContext ctx = context("c-1", "web", 3);

    for (int i = 0; i < 2; i++) {
      StepOutcome.Failed f = failed(provider.reconcile(ctx));
      assertThat(f.code()).isEqualTo("InjectedFault");
      assertThat(f.retryable()).isTrue();
      assertThat(f.retryAfter()).isEmpty();
    }
    assertThat(cloud.clustersCreated()).isZero();
    assertThat(provider.reconcile(ctx)).isInstanceOf(StepOutcome.Ready.class);
    assertThat(cloud.clustersCreated()).isEqualTo(1);
    assertThat(cloud.faults().pending(FaultPoint.CREATE)).isZero();
  }

  @Test
  void aNonRetryableFaultSaysSo() {
    cloud.faults().failNext(FaultPoint.CREATE, 1, false);

    assertThat(failed(provider.reconcile(context("c-1", "web", 1))).retryable()).isFalse();
  }

  @Test
  void aRetryAfterTheCloudAsksForIsInTheFailure() {
    cloud.faults().failNext(FaultPoint.CREATE, 1, Duration.ofMinutes(2));

    assertThat(failed(provider.reconcile(context("c-1", "web", 1))).retryAfter())
        .contains(Duration.ofMinutes(2));
  }

  @Test
  void anInjectedNodesFaultFailsTheResizeUntilConsumed() {
    ClusterContext ctx = context("c-1", "web", 3);
    untilRunning(provider, ctx);
    cloud.faults().failAt(FaultPoint.NODES);

    assertThat(failed(provider.reconcile(resized(ctx, 5))).message()).contains("NODES");
    assertThat(cloud.cluster("c-1").orElseThrow().nodes()).hasSize(4);
    assertThat(untilRunning(provider, resized(ctx, 5)).nodes()).hasSize(6);
  }

  @Test
  void anInjectedFaultFiresOnlyWhereItWasArmed() {
    cloud.faults().failAt(FaultPoint.DELETE);
    ClusterContext ctx = context("c-1", "web", 3);

    untilRunning(provider, ctx);
    failed(provider.delete(ctx));
    assertThat(cloud.cluster("c-1")).isPresent();
    assertThat(provider.delete(ctx)).isInstanceOf(StepOutcome.Ready.class);
    assertThat(cloud.cluster("c-1")).isEmpty();
  }

  @Test
  void deletingIsIdempotent() {
    ClusterContext ctx = context("c-1", "web", 1);
    untilRunning(provider, ctx);

    StepOutcome first = provider.delete(ctx);
    StepOutcome second = provider.delete(ctx);

    assertThat(first).isInstanceOf(StepOutcome.Ready.class);
    assertThat(second).isInstanceOfSatisfying(StepOutcome.Ready.class, r -> {
      assertThat(r.nodes()).isEmpty();
      assertThat(r.observed()).isEmpty();
    });
    assertThat(cloud.clusters()).isEmpty();
    assertThat(cloud.clustersCreated()).isEqualTo(1);
  }

  @Test
  void aFleetOfTwoHundredClustersStartsNoApiServerUntilAKubeconfigIsAskedFor() {
    for (int i = 0; i < 200; i++) {
      untilRunning(provider, context("c-" + i, "web-" + i, 3));
    }
    assertThat(cloud.clusters()).hasSize(200);
    assertThat(cloud.runningApiServers()).isZero();

    provider.access(context("c-7", "web-7", 3));

    assertThat(cloud.runningApiServers()).isEqualTo(1);
    assertThat(cloud.cluster("c-7").orElseThrow().apiServerRunning()).isTrue();
  }

  @Test
  void withADelayProgressGrowsAndRequeueAfterIsPositiveUntilRunning() {
    ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
    SandboxSettings settings = SandboxSettings.builder()
        .provisioningDelay(Duration.ofSeconds(10))
        .jitter(Duration.ofSeconds(2))
        .seed(42)
        .nodeDelay(Duration.ofSeconds(4))
        .build();
    try (SandboxProvider slow = new SandboxProvider(settings, clock)) {
      ClusterContext ctx = context("c-1", "web", 3);

      List<StepOutcome> steps = untilRunning(slow, ctx, clock::advance);

      List<StepOutcome.InProgress> pending = steps.subList(0, steps.size() - 1).stream()
          .map(StepOutcome.InProgress.class::cast).toList();
      assertThat(pending).hasSizeGreaterThanOrEqualTo(5);
      assertThat(pending).allSatisfy(s -> {
        assertThat(s.after()).isPositive();
        assertThat(s.progress()).isBetween(0, 99);
        assertThat(s.nodes()).extracting(NodeInfo::state).containsOnly(NodeState.PROVISIONING);
      });
      assertThat(pending).extracting(StepOutcome.InProgress::progress).isSorted();
      assertThat(pending.get(pending.size() - 1).progress())
          .isGreaterThan(pending.get(0).progress());
      assertThat(steps.get(steps.size() - 1)).isInstanceOf(StepOutcome.Ready.class);
      assertThat(slow.cloud().clustersCreated()).isEqualTo(1);

      List<StepOutcome> scaleOut = untilRunning(slow, resized(ctx, 4), clock::advance);
      StepOutcome.InProgress adding = (StepOutcome.InProgress) scaleOut.get(0);
      assertThat(adding.nodes()).filteredOn(n -> n.state() == NodeState.PROVISIONING)
          .extracting(NodeInfo::name).containsExactly("web-workers-3");
      assertThat(adding.after()).isPositive();
      assertThat(((StepOutcome.Ready) scaleOut.get(scaleOut.size() - 1)).nodes()).hasSize(5);
    }
  }

  @Test
  void accessToAClusterStillProvisioningIsRefused() {
    ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
    SandboxSettings settings = SandboxSettings.builder().provisioningDelay(Duration.ofSeconds(10))
        .jitter(Duration.ZERO).build();
    try (SandboxProvider slow = new SandboxProvider(settings, clock)) {
      ClusterContext ctx = context("c-1", "web", 1);
      slow.reconcile(ctx);

      assertThatThrownBy(() -> slow.access(ctx))
          .isInstanceOfSatisfying(ProviderException.class, e -> {
            assertThat(e.retryable()).isFalse();
            assertThat(e.code()).isEqualTo("ClusterNotProvisioned");
          })
          .hasMessageContaining("still provisioning");
      assertThat(slow.cloud().runningApiServers()).isZero();
    }
  }

  @Test
  void accessToAnUnknownClusterIsRefused() {
    assertThatThrownBy(() -> provider.access(context("nope", "web", 1)))
        .isInstanceOfSatisfying(ProviderException.class, e -> {
          assertThat(e.retryable()).isFalse();
          assertThat(e.code()).isEqualTo("ClusterNotFound");
        });
  }

  @Test
  void anUnknownInstanceTypeFailsWithTheKnownTypes() {
    StepOutcome.Failed f = failed(provider.reconcile(context("c-1", "web", 3, "m5.xlarge")));

    assertThat(f.retryable()).isFalse();
    assertThat(f.code()).isEqualTo("UnknownInstanceType");
    assertThat(f.message()).contains("nodePools[1].instanceType 'm5.xlarge'")
        .contains("sandbox.small, sandbox.medium, sandbox.large, sandbox.gpu");
    assertThat(cloud.clustersCreated()).isZero();
  }

  @Test
  void instanceTypesCarryCapacityAndPrice() {
    assertThat(provider.instanceTypes(Clusters.ACCOUNT, "local"))
        .extracting(InstanceType::name, InstanceType::cpu, InstanceType::memoryMiB,
            InstanceType::gpus, InstanceType::hourlyPrice)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("sandbox.small", 2, 4096, 0, new BigDecimal("0.05")),
            org.assertj.core.groups.Tuple.tuple("sandbox.medium", 4, 8192, 0, new BigDecimal("0.10")),
            org.assertj.core.groups.Tuple.tuple("sandbox.large", 8, 32768, 0, new BigDecimal("0.40")),
            org.assertj.core.groups.Tuple.tuple("sandbox.gpu", 8, 65536, 1, new BigDecimal("1.20")));
  }

  @Test
  void aSandboxAccountNeedsNoCredentials() {
    assertThat(provider.validateAccount(Clusters.ACCOUNT)).isEmpty();
    assertThat(provider.validateAccount(
        Clusters.ACCOUNT.toBuilder().putSetting("region", "local").build())).isEmpty();
  }

  @Test
  void anAccountOfAnotherCloudOrWithUnknownSettingsHasViolations() {
    CloudAccountSpec account = CloudAccountSpec.builder().name("x").cloudType("aws")
        .putSetting("endpoint", "http://localhost").putSetting("region", "us-east-1").build();

    assertThat(provider.validateAccount(account)).extracting(Violation::field)
        .containsExactlyInAnyOrder("cloudType", "settings.endpoint", "settings.region");
    assertThat(provider.validateAccount(account)).filteredOn(v -> v.field().equals("settings.region"))
        .extracting(Violation::message).singleElement().asString().contains("[local]");
  }

  @Test
  void theServiceLoaderFindsTheFactoryById() {
    CloudProviderFactory factory = ServiceLoader.load(CloudProviderFactory.class).stream()
        .map(ServiceLoader.Provider::get)
        .filter(f -> f.id().equals("sandbox"))
        .findFirst()
        .orElseThrow();

    try (CloudProvider created = factory.create(Clusters.providerContext(Map.of()))) {
      assertThat(created).isInstanceOf(SandboxProvider.class);
      assertThat(created.id()).isEqualTo("sandbox");
      assertThat(((SandboxProvider) created).cloud().settings())
          .isEqualTo(SandboxSettings.defaults());
    }
  }
}

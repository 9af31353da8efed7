package dev.palette.testkit.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.palette.ManualClock;
import dev.palette.error.ProviderException;
import dev.palette.error.Violation;
import dev.palette.model.CloudAccountSpec;
import dev.palette.model.HostClusterSpec;
import dev.palette.model.InstanceType;
import dev.palette.model.NodeInfo;
import dev.palette.model.NodePoolSpec;
import dev.palette.spi.AccountCheck;
import dev.palette.spi.CloudProvider;
import dev.palette.spi.CloudProviderFactory;
import dev.palette.spi.ClusterContext;
import dev.palette.spi.ClusterCredentials;
import dev.palette.spi.HttpTransport;
import dev.palette.spi.ProviderCapabilities;
import dev.palette.spi.ProviderCapabilities.ControlPlane;
import dev.palette.spi.ProviderCapabilities.Pricing;
import dev.palette.spi.ProviderContext;
import dev.palette.spi.StepOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The rules every {@link CloudProvider} keeps, as JUnit 5 tests. A provider module runs them by
 * extending this class with its factory, an account and a cluster it accepts:
 *
 * <pre>{@code
 * class SandboxProviderContractTest extends CloudProviderContract {
 *   protected CloudProviderFactory factory() { return new SandboxProviderFactory(); }
 *   protected CloudAccountSpec account() { return CloudAccountSpec.builder()...build(); }
 *   protected HostClusterSpec validCluster() { return HostClusterSpec.builder()...build(); }
 * }
 * }</pre>
 *
 * <p>Each test gets a fresh provider from {@link #factory()}, created with a {@link ManualClock}
 * starting at {@link #start()}; the suite drives it as the engine does, step after step, moving the
 * clock on by each {@link StepOutcome.InProgress#after()} ({@link #waitFor(Duration)}). Checked:
 * the id and capabilities; that account and cluster validation accept the valid ones and refuse
 * what the capabilities rule out (a cluster without a control plane on a self-managed cloud, with
 * one on a managed cloud, an autoscaled pool where there is no autoscaling); that reconcile reaches
 * Ready, stays Ready, and creates nothing twice when repeated or when the observed identifiers are
 * lost; that nodes report their capacity; that access gives a kubeconfig; that delete reaches done
 * and is idempotent; that instance types are priced as the capabilities say.
 */
public abstract class CloudProviderContract {
  private ScheduledExecutorService scheduler;
  private ManualClock clock;
  private CloudProvider provider;
  private final List<ClusterContext> made = new ArrayList<>();

  /** The factory under test, as {@link java.util.ServiceLoader} would find it. */
  protected abstract CloudProviderFactory factory();

  /** An account the provider accepts, with whatever credentials its test cloud needs. */
  protected abstract CloudAccountSpec account();

  /**
   * A cluster the provider accepts and can bring to Ready: its cloud type is the provider's, its
   * account {@link #account()}, its instance types among those offered in its region.
   */
  protected abstract HostClusterSpec validCluster();

  /** The settings the factory gets in {@link ProviderContext#settings()}; none by default. */
  protected Map<String, String> settings() {
    return Map.of();
  }

  /** Where the provider's clock starts. */
  protected Instant start() {
    return Instant.parse("2026-01-01T00:00:00Z");
  }

  /**
   * Lets {@code after} pass before the next step; by default moves the manual clock on. A provider
   * tested against a real endpoint whose work takes real time overrides this (with Awaitility's
   * {@code await().pollDelay(after)...}, never a bare sleep).
   */
  protected void waitFor(Duration after) {
    clock.advance(after);
  }

  /** At most how many steps reconcile or delete may take in this suite. */
  protected int maxSteps() {
    return 1_000;
  }

  /**
   * How many clusters the provider's cloud ever created, when the test can count them there; by
   * default it cannot, and the no-duplicates tests compare nodes only.
   */
  protected OptionalLong clustersCreated(CloudProvider provider) {
    return OptionalLong.empty();
  }

  /** The provider of the current test. */
  protected final CloudProvider provider() {
    return provider;
  }

  /** The clock of the current test's provider. */
  protected final ManualClock clock() {
    return clock;
  }

  @BeforeEach
  final void createProvider() {
    scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "provider-contract-timer");
      t.setDaemon(true);
      return t;
    });
    clock = new ManualClock(start());
    provider = factory().create(new ProviderContext(clock, scheduler, settings(), HttpTransport.JDK));
  }

  @AfterEach
  final void closeProvider() {
    try {
      // Best effort: a test that failed half-way leaves no cluster behind in a real cloud.
      for (ClusterContext ctx : made) {
        deleteQuietly(ctx);
      }
      provider.close();
    } finally {
      scheduler.shutdownNow();
    }
  }

  @Test
  void theProvidersIdIsTheFactorysAndAKubernetesName() {
    assertThat(provider.id()).isEqualTo(factory().id()).matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
  }

  @Test
  void theCapabilitiesAreDeclaredAndConstant() {
    ProviderCapabilities capabilities = provider.capabilities();

    assertThat(capabilities).isNotNull().isEqualTo(provider.capabilities());
  }

  @Test
  void theValidAccountHasNoViolationsAndTheCloudAcceptsIt() {
    assertThat(provider.validateAccount(account())).isEmpty();
    assertThat(provider.verifyAccount(account())).isEqualTo(AccountCheck.valid());
  }

  @Test
  void anAccountOfAnotherCloudTypeIsRefusedNamingCloudType() {
    CloudAccountSpec other = account().toBuilder().cloudType(provider.id() + "-other").build();

    assertThat(provider.validateAccount(other)).extracting(Violation::field).contains("cloudType");
  }

  @Test
  void theValidClusterHasNoViolations() {
    assertThat(validCluster().cloudType()).isEqualTo(provider.id());
    assertThat(provider.validateCluster(validCluster(), account())).isEmpty();
  }

  @Test
  void theControlPlaneRuleFollowsTheCapabilities() {
    HostClusterSpec valid = validCluster();
    List<Violation> violations;
    if (provider.capabilities().controlPlane() == ControlPlane.MANAGED) {
      assertThat(valid.nodePools()).noneMatch(NodePoolSpec::controlPlane);
      NodePoolSpec worker = valid.nodePools().get(0);
      violations = provider.validateCluster(valid.toBuilder()
          .addNodePool(worker.withName("control-plane").withSize(1).withControlPlane(true))
          .build(), account());
    } else {
      assertThat(valid.nodePools()).anyMatch(NodePoolSpec::controlPlane);
      violations = provider.validateCluster(valid.toBuilder()
          .nodePools(valid.nodePools().stream().filter(p -> !p.controlPlane()).toList())
          .build(), account());
    }
    assertThat(violations).isNotEmpty()
        .allSatisfy(v -> assertThat(v.field()).startsWith("nodePools"))
        .allSatisfy(v -> assertThat(v.message()).isNotBlank());
  }

  @Test
  void anAutoscaledPoolIsRefusedWhereTheCloudDoesNotAutoscale() {
    HostClusterSpec valid = validCluster();
    List<NodePoolSpec> pools = new ArrayList<>(valid.nodePools());
    int last = pools.size() - 1;
    NodePoolSpec pool = pools.get(last);
    pools.set(last, pool.withMinSize(pool.size()).withMaxSize(pool.size() + 2));

    List<Violation> violations =
        provider.validateCluster(valid.withNodePools(pools), account());

    if (provider.capabilities().autoscaling()) {
      assertThat(violations).isEmpty();
    } else {
      assertThat(violations).extracting(Violation::field)
          .anySatisfy(f -> assertThat(f).startsWith("nodePools[" + last + "]"));
    }
  }

  @Test
  void theValidClustersInstanceTypesAreOffered() {
    List<String> offered = provider.instanceTypes(account(), validCluster().region()).stream()
        .map(InstanceType::name).toList();

    assertThat(validCluster().nodePools()).extracting(NodePoolSpec::instanceType)
        .allSatisfy(t -> assertThat(offered).contains(t));
  }

  @Test
  void instanceTypesHaveCapacityAndArePricedAsTheCapabilitiesSay() {
    List<InstanceType> types = provider.instanceTypes(account(), validCluster().region());

    assertThat(types).isNotEmpty().extracting(InstanceType::name).doesNotHaveDuplicates();
    assertThat(types).allSatisfy(t -> {
      assertThat(t.cpu()).isPositive();
      assertThat(t.memoryMiB()).isPositive();
      assertThat(t.gpus()).isNotNegative();
      if (provider.capabilities().pricing() == Pricing.PER_INSTANCE_TYPE) {
        assertThat(t.hourlyPrice()).as("list price of %s", t.name()).isPositive();
      } else {
        assertThat(t.hourlyPrice()).as("a unit-priced type has no list price: %s", t.name())
            .isZero();
      }
    });
  }

  @Test
  void reconcileReachesReadyWithEveryNodeReportingItsCapacity() {
    ClusterContext ctx = newCluster();

    StepOutcome.Ready ready = untilReady(ctx);

    assertThat(ready.nodes()).hasSize(validCluster().nodeCount());
    assertThat(ready.nodes()).allSatisfy(n -> {
      assertThat(n.cpu()).as("cpu of %s", n.name()).isPositive();
      assertThat(n.memoryMiB()).as("memory of %s", n.name()).isPositive();
      assertThat(n.gpus()).isNotNegative();
    });
    assertThat(ready.nodes()).extracting(NodeInfo::name).doesNotHaveDuplicates();
  }

  @Test
  void reconcilingAReadyClusterAgainKeepsItReadyAndCreatesNothing() {
    ClusterContext ctx = newCluster();
    StepOutcome.Ready first = untilReady(ctx);

    StepOutcome.Ready again = untilReady(ctx.withObserved(first.observed()));
    StepOutcome.Ready third = untilReady(ctx.withObserved(again.observed()));

    assertThat(names(again)).isEqualTo(names(first));
    assertThat(names(third)).isEqualTo(names(first));
    assertThat(third.observed()).isEqualTo(first.observed());
    clustersCreated(provider).ifPresent(n -> assertThat(n).isEqualTo(1));
  }

  @Test
  void aStepThatLostTheObservedIdsFindsTheClusterByItsTagInsteadOfCreatingAnother() {
    ClusterContext ctx = newCluster();
    StepOutcome.Ready first = untilReady(ctx);

    // As after a status write that never landed: the provider is told nothing it reported.
    StepOutcome.Ready again = untilReady(ctx.withObserved(Map.of()));

    assertThat(names(again)).isEqualTo(names(first));
    assertThat(again.observed()).isEqualTo(first.observed());
    clustersCreated(provider).ifPresent(n -> assertThat(n).isEqualTo(1));
  }

  @Test
  void accessToAReadyClusterGivesAKubeconfigThatKeepsItsSecretOutOfToString() {
    ClusterContext ctx = newCluster();
    StepOutcome.Ready ready = untilReady(ctx);

    ClusterCredentials credentials = provider.access(ctx.withObserved(ready.observed()));

    assertThat(credentials.kubeconfig().server()).isNotBlank();
    assertThat(credentials.kubeconfig().yaml()).contains(credentials.kubeconfig().server());
    assertThat(credentials.kubeconfig().toString()).doesNotContain(credentials.kubeconfig().yaml());
    assertThat(credentials.toString()).doesNotContain(credentials.kubeconfig().yaml());
    credentials.expiresAt().ifPresent(at -> assertThat(at).isAfter(clock.instant()));
  }

  @Test
  void deleteReachesDoneAndDeletingAgainIsDoneAtOnce() {
    ClusterContext ctx = newCluster();
    StepOutcome.Ready ready = untilReady(ctx);

    StepOutcome.Ready deleted = untilDeleted(ctx.withObserved(ready.observed()));
    StepOutcome again = provider.delete(ctx.withObserved(deleted.observed()));

    assertThat(deleted.nodes()).isEmpty();
    assertThat(again).isInstanceOf(StepOutcome.Ready.class);
    assertThatThrownBy(() -> provider.access(ctx)).isInstanceOf(ProviderException.class);
  }

  @Test
  void deletingAClusterThatNeverExistedIsDone() {
    assertThat(untilDeleted(newCluster()).nodes()).isEmpty();
  }

  /** A context for a fresh cluster of {@link #validCluster()}, deleted after the test. */
  protected final ClusterContext newCluster() {
    String id = "contract-" + UUID.randomUUID().toString().substring(0, 8);
    ClusterContext ctx = new ClusterContext(id, "contract", validCluster(), account(), Map.of());
    made.add(ctx);
    return ctx;
  }

  /** Steps {@code ctx} as the controller does until Ready: observed ids handed back, waits kept. */
  protected final StepOutcome.Ready untilReady(ClusterContext ctx) {
    return drive(ctx, true);
  }

  /** Steps the deletion of {@code ctx} until nothing is left. */
  protected final StepOutcome.Ready untilDeleted(ClusterContext ctx) {
    return drive(ctx, false);
  }

  private StepOutcome.Ready drive(ClusterContext ctx, boolean reconcile) {
    ClusterContext current = ctx;
    StepOutcome last = null;
    for (int step = 0; step < maxSteps(); step++) {
      last = reconcile ? provider.reconcile(current) : provider.delete(current);
      if (last instanceof StepOutcome.Ready ready) {
        return ready;
      }
      if (last instanceof StepOutcome.Failed failed) {
        assertThat(failed.retryable()).as("a permanent failure: %s", failed).isTrue();
        waitFor(failed.retryAfter().orElse(Duration.ofSeconds(1)));
        continue;
      }
      StepOutcome.InProgress progress = (StepOutcome.InProgress) last;
      assertThat(progress.after()).as("InProgress must say when to look again").isNotNull();
      current = current.withObserved(progress.observed());
      waitFor(progress.after());
    }
    throw new AssertionError((reconcile ? "not Ready" : "not deleted") + " after " + maxSteps()
        + " steps; last " + last);
  }

  private void deleteQuietly(ClusterContext ctx) {
    for (int step = 0; step < maxSteps(); step++) {
      StepOutcome outcome;
      try {
        outcome = provider.delete(ctx);
      } catch (RuntimeException e) {
        return;
      }
      if (!(outcome instanceof StepOutcome.InProgress progress)) {
        return;
      }
      waitFor(progress.after());
    }
  }

  private static List<String> names(StepOutcome.Ready ready) {
    return ready.nodes().stream().map(NodeInfo::name).sorted().toList();
  }
}

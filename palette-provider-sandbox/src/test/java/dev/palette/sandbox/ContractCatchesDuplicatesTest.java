package dev.palette.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.palette.model.CloudAccountSpec;
import dev.palette.model.HostClusterSpec;
import dev.palette.spi.CloudProvider;
import dev.palette.spi.CloudProviderFactory;
import dev.palette.spi.ClusterContext;
import dev.palette.spi.ProviderContext;
import dev.palette.spi.StepOutcome;
import dev.palette.testkit.provider.CloudProviderContract;
import dev.palette.testkit.provider.ForwardingCloudProvider;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * The contract suite fails a provider that creates a second cluster when its step is not told the
 * first one's ids, as one that trusts its status instead of finding resources by tag would.
 */
class ContractCatchesDuplicatesTest {
  @Test
  void aProviderThatCreatesAClusterTwiceFailsTheContract() {
    SummaryGeneratingListener listener = new SummaryGeneratingListener();
    LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request()
        .selectors(selectClass(DuplicatingSandboxContract.class)).build(), listener);
    TestExecutionSummary summary = listener.getSummary();

    assertThat(summary.getTestsSucceededCount()).isPositive();
    assertThat(summary.getFailures()).extracting(f -> f.getTestIdentifier().getDisplayName())
        .containsExactly(
            "aStepThatLostTheObservedIdsFindsTheClusterByItsTagInsteadOfCreatingAnother()");
  }

  /** The contract, run against {@link Duplicating}; not run on its own (no Test suffix). */
  static final class DuplicatingSandboxContract extends CloudProviderContract {
    @Override
    protected CloudProviderFactory factory() {
      return new CloudProviderFactory() {
        @Override
        public String id() {
          return SandboxProvider.ID;
        }

        @Override
        public CloudProvider create(ProviderContext context) {
          return new Duplicating(new SandboxProvider(SandboxSettings.instant(), context.clock()));
        }
      };
    }

    @Override
    protected CloudAccountSpec account() {
      return Clusters.ACCOUNT;
    }

    @Override
    protected HostClusterSpec validCluster() {
      return Clusters.context("unused", "web", 1).spec();
    }

    @Override
    protected OptionalLong clustersCreated(CloudProvider provider) {
      return OptionalLong.of(((Duplicating) provider).sandbox.cloud().clustersCreated());
    }
  }

  /** The sandbox, but a step told no ids creates the cluster anew under a fresh id. */
  private static final class Duplicating extends ForwardingCloudProvider {
    private final SandboxProvider sandbox;
    private final AtomicInteger fresh = new AtomicInteger();

    Duplicating(SandboxProvider sandbox) {
      super(sandbox);
      this.sandbox = sandbox;
    }

    @Override
    public StepOutcome reconcile(ClusterContext ctx) {
      if (ctx.observed().isEmpty() && fresh.getAndIncrement() > 0) {
        return sandbox.reconcile(new ClusterContext(ctx.clusterId() + "-" + fresh.get(),
            ctx.project(), ctx.spec(), ctx.account(), ctx.observed()));
      }
      return sandbox.reconcile(ctx);
    }
  }
}

package dev.palette.core.hostcluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palette.ClusterMode;
import dev.palette.Palette;
import dev.palette.error.Violation;
import dev.palette.model.CloudAccountSpec;
import dev.palette.model.HostCluster;
import dev.palette.model.HostClusterSpec;
import dev.palette.model.InstanceType;
import dev.palette.model.Kubeconfig;
import dev.palette.model.NodeInfo;
import dev.palette.model.NodeState;
import dev.palette.spi.AccountCheck;
import dev.palette.spi.CloudProvider;
import dev.palette.spi.ClusterContext;
import dev.palette.spi.ClusterCredentials;
import dev.palette.spi.ProviderCapabilities;
import dev.palette.spi.ProviderCapabilities.ControlPlane;
import dev.palette.spi.ProviderCapabilities.Pricing;
import dev.palette.spi.StepOutcome;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The provider's observed identifiers are kept in the status and handed back at the next step. */
class ObservedIdsTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @Test
  void theIdsAStepReportsComeBackInTheNextStepsContextAndStayInTheStatus() {
    Scripted cloud = new Scripted();
    try (Palette palette = Palette.builder().discoverProviders(false).provider(cloud).build()) {
      ClusterMode cm = palette.clusterMode();
      cm.projects().create(p -> p.name("p"));
      cm.cloudAccounts().inProject("p").create(a -> a.name("acct").cloudType(Scripted.ID));

      HostCluster running = cm.clusters().inProject("p").create(HostClusterSpec.builder()
          .name("c").cloudType(Scripted.ID).cloudAccount("acct")
          .nodePool(n -> n.name("w").size(1).instanceType("sim.small")).build()).await(WAIT);

      assertThat(running.status().observed())
          .containsExactlyInAnyOrderEntriesOf(Map.of("arn", "arn:sim:c", "endpoint", "https://c.sim"));
      assertThat(running.status().nodes()).singleElement()
          .satisfies(n -> assertThat(n.cpu()).isEqualTo(2));
      // The first step knew nothing; the second was told the ARN the first reported.
      assertThat(cloud.reconcilesSeen.get(0)).isEmpty();
      assertThat(cloud.reconcilesSeen.get(1)).containsEntry("arn", "arn:sim:c");

      cm.clusters().inProject("p").withName("c").delete().await(WAIT);

      assertThat(cloud.deletesSeen.get(0)).containsEntry("endpoint", "https://c.sim");
      assertThat(cloud.deletesSeen.get(1)).containsOnlyKeys("arn");
    }
  }

  /** Creates an ARN, then an endpoint; deletes the endpoint, then the ARN. */
  private static final class Scripted implements CloudProvider {
    static final String ID = "scripted";
    final List<Map<String, String>> reconcilesSeen = new CopyOnWriteArrayList<>();
    final List<Map<String, String>> deletesSeen = new CopyOnWriteArrayList<>();

    @Override
    public String id() {
      return ID;
    }

    @Override
    public ProviderCapabilities capabilities() {
      return new ProviderCapabilities(ControlPlane.MANAGED, false, false, Pricing.PER_INSTANCE_TYPE);
    }

    @Override
    public List<Violation> validateAccount(CloudAccountSpec account) {
      return List.of();
    }

    @Override
    public AccountCheck verifyAccount(CloudAccountSpec account) {
      return AccountCheck.valid();
    }

    @Override
    public List<Violation> validateCluster(HostClusterSpec spec, CloudAccountSpec account) {
      return List.of();
    }

    @Override
    public List<InstanceType> instanceTypes(CloudAccountSpec account, String region) {
      return List.of(InstanceType.builder().name("sim.small").cpu(2).memoryMiB(2048)
          .hourlyPrice(new BigDecimal("0.01")).build());
    }

    @Override
    public StepOutcome reconcile(ClusterContext ctx) {
      reconcilesSeen.add(ctx.observed());
      String arn = "arn:sim:" + ctx.spec().name();
      if (ctx.observed("arn").isEmpty()) {
        return StepOutcome.inProgress(50, "creating the cluster", List.of(), Map.of("arn", arn),
            Duration.ofMillis(1));
      }
      NodeInfo node = NodeInfo.builder().name("w-0").pool("w").instanceType("sim.small")
          .state(NodeState.RUNNING).cpu(2).memoryMiB(2048).build();
      return StepOutcome.ready("running", List.of(node),
          Map.of("arn", arn, "endpoint", "https://" + ctx.spec().name() + ".sim"));
    }

    @Override
    public StepOutcome delete(ClusterContext ctx) {
      deletesSeen.add(ctx.observed());
      return ctx.observed("endpoint").isPresent()
          ? StepOutcome.inProgress(50, "deleting the endpoint", List.of(),
              Map.of("arn", ctx.observed("arn").orElseThrow()), Duration.ofMillis(1))
          : StepOutcome.deleted("deleted");
    }

    @Override
    public ClusterCredentials access(ClusterContext ctx) {
      String server = ctx.observed("endpoint").orElseThrow();
      return ClusterCredentials.lasting(Kubeconfig.builder().cluster(ctx.project() + "/"
          + ctx.spec().name()).server(server).yaml("server: " + server).build());
    }
  }
}

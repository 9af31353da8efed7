package dev.palette.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** Nested values are built in place through consumers of their builders, and adders are singular. */
class NestedBuildersTest {
  @Test
  void aNodePoolIsBuiltInPlaceAndTheClusterBuilderChainGoesOn() {
    HostClusterSpec inPlace = HostClusterSpec.builder()
        .nodePool(p -> p.name("control-plane").size(1).controlPlane(true).instanceType("sandbox.medium"))
        .nodePool(p -> p.name("worker").size(3).instanceType("sandbox.large"))
        .profile("ml-base", "1.0.0")
        .profile(r -> r.name("monitoring").version("2.0.0"))
        .name("gpu-1").cloudType("sandbox").cloudAccount("sandbox")
        .build();

    HostClusterSpec byHand = HostClusterSpec.builder().name("gpu-1").cloudType("sandbox").cloudAccount("sandbox")
        .addNodePool(NodePoolSpec.builder().name("control-plane").size(1).controlPlane(true)
            .instanceType("sandbox.medium").build())
        .addNodePool(NodePoolSpec.builder().name("worker").size(3).instanceType("sandbox.large").build())
        .addProfile(ProfileRef.of("ml-base", "1.0.0"))
        .addProfile(ProfileRef.of("monitoring", "2.0.0"))
        .build();
    assertThat(inPlace).isEqualTo(byHand);
  }

  @Test
  void toBuilderKeepsTheConsumerOverloads() {
    HostClusterSpec one = HostClusterSpec.builder().name("c").cloudType("sandbox").cloudAccount("a")
        .nodePool(p -> p.name("cp").size(1).controlPlane(true).instanceType("sandbox.small")).build();

    HostClusterSpec two = one.toBuilder().nodePool(p -> p.name("worker").size(2).instanceType("sandbox.small")).build();

    assertThat(two.nodePools()).extracting(NodePoolSpec::name).containsExactly("cp", "worker");
  }

  @Test
  void layersNamespacesQuotasAndUnitPricesAreBuiltInPlace() {
    ClusterProfileSpec profile = ClusterProfileSpec.builder().name("base").cloudType("sandbox")
        .layer(l -> l.layer(LayerType.OS).name("ubuntu").version("22.04")).build();
    WorkspaceSpec workspace = WorkspaceSpec.builder().name("ws")
        .namespace(n -> n.namespace("train").cpuMillicores(6000))
        .quota(q -> q.cpuMillicores(8000).gpus(1))
        .build();
    RateCard card = RateCard.builder().unitPrice("edge", u -> u.cpuCoreHour(new BigDecimal("0.03"))).build();

    assertThat(profile.layers()).containsExactly(
        PackLayer.builder().layer(LayerType.OS).name("ubuntu").version("22.04").build());
    assertThat(workspace.namespaces()).containsExactly(
        NamespaceAllocation.builder().namespace("train").cpuMillicores(6000).build());
    assertThat(workspace.quota()).isEqualTo(
        NamespaceAllocation.builder().namespace("*").cpuMillicores(8000).gpus(1).build());
    assertThat(card.unitPrices().get("edge").cpuCoreHour()).isEqualByComparingTo("0.03");
  }

  @Test
  void oneElementIsAddedWithASingularAdderAndManyWithThePluralOne() {
    TeamSpec team = TeamSpec.builder().name("ml").addMember("alice").addMembers("bob", "carol").build();
    CloudAccountSpec account = CloudAccountSpec.builder().name("a").cloudType("sandbox")
        .putCredential("token", "t").putSetting("region", "eu").putLabel("team", "ml").build();

    assertThat(team.members()).containsExactly("alice", "bob", "carol");
    assertThat(account.settings()).containsEntry("region", "eu");
    assertThat(account.labels()).containsEntry("team", "ml");
  }

  @Test
  void aSpecBuiltInPlaceReadsBackFromJson() throws Exception {
    HostClusterSpec spec = HostClusterSpec.builder().name("c").cloudType("sandbox").cloudAccount("a")
        .nodePool(p -> p.name("cp").size(1).controlPlane(true).instanceType("sandbox.small"))
        .profile("base", "1.0.0").build();
    ObjectMapper json = new ObjectMapper();

    assertThat(json.readValue(json.writeValueAsString(spec), HostClusterSpec.class)).isEqualTo(spec);
  }
}

package dev.palette.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.palette.error.Violation;
import dev.palette.model.CapacityType;
import dev.palette.model.HostClusterSpec;
import dev.palette.model.NodePoolSpec;
import dev.palette.model.ProviderConfig;
import dev.palette.spi.ProviderCapabilities;
import dev.palette.spi.ProviderCapabilities.ControlPlane;
import dev.palette.spi.ProviderCapabilities.Pricing;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The sandbox's own cluster rules, its provider config and its factory settings. */
class SandboxValidationTest {
  private final SandboxProvider provider = new SandboxProvider(SandboxSettings.instant(),
      java.time.Clock.systemUTC());
  private final HostClusterSpec valid = Clusters.context("c-1", "web", 2).spec();

  private List<Violation> violations(HostClusterSpec spec) {
    return provider.validateCluster(spec, Clusters.ACCOUNT);
  }

  private HostClusterSpec withPools(NodePoolSpec... pools) {
    return valid.withNodePools(List.of(pools));
  }

  private NodePoolSpec cp() {
    return valid.nodePools().get(0);
  }

  private NodePoolSpec workers() {
    return valid.nodePools().get(1);
  }

  @Test
  void theSandboxIsSelfManagedWithoutAutoscalingAndPricedPerInstanceType() {
    assertThat(provider.capabilities()).isEqualTo(
        new ProviderCapabilities(ControlPlane.SELF_MANAGED, false, true, Pricing.PER_INSTANCE_TYPE));
  }

  @Test
  void aClusterWithOneControlPlanePoolOfOneThreeOrFiveIsAccepted() {
    for (int size : new int[] {1, 3, 5}) {
      assertThat(violations(withPools(cp().withSize(size), workers()))).isEmpty();
    }
    assertThat(violations(valid.toBuilder().region("local").addZone("local-b")
        .kubernetesVersion("1.31").providerConfig(SandboxClusterConfig.builder().build()).build()))
        .isEmpty();
  }

  @Test
  void aClusterWithoutAControlPlaneIsRefusedWithTheSandboxsMessage() {
    assertThat(violations(withPools(workers()))).singleElement().satisfies(v -> {
      assertThat(v.field()).isEqualTo("nodePools");
      assertThat(v.message()).contains("exactly one control-plane pool").endsWith("has 0");
    });
    assertThat(violations(withPools(cp(), cp().withName("cp2"), workers())))
        .extracting(Violation::field).containsExactly("nodePools");
  }

  @Test
  void aControlPlaneOfAnEvenSizeIsRefusedNamingThePoolsSize() {
    assertThat(violations(withPools(cp().withSize(2), workers()))).singleElement()
        .isEqualTo(new Violation("nodePools[0].size", "a control-plane pool has 1, 3 or 5 nodes, not 2"));
  }

  @Test
  void whatTheSandboxCannotDoIsRefusedFieldByField() {
    HostClusterSpec spec = valid.toBuilder()
        .region("us-east-1")
        .zones(List.of("local-a", "us-east-1a"))
        .kubernetesVersion("1.29")
        .nodePools(List.of(
            cp().withCapacityType(CapacityType.SPOT),
            workers().withMaxSize(5).withImage("ami-123").withGpuCount(1)))
        .build();

    assertThat(violations(spec)).extracting(Violation::field).containsExactlyInAnyOrder(
        "region", "zones[1]", "kubernetesVersion", "nodePools[0].capacityType",
        "nodePools[1].maxSize", "nodePools[1].image", "nodePools[1].gpuCount");
  }

  @Test
  void aConfigForAnotherProviderIsRefused() {
    ProviderConfig aws = () -> "aws";

    assertThat(violations(valid.withProviderConfig(aws))).singleElement()
        .satisfies(v -> assertThat(v.field()).isEqualTo("providerConfig"));
  }

  @Test
  void aSpecWithTheSandboxConfigReadsBackFromJsonAsTheSandboxsType() throws Exception {
    HostClusterSpec spec = valid.withProviderConfig(SandboxClusterConfig.builder().kubelet(false).build());
    ObjectMapper mapper = new ObjectMapper();

    String json = mapper.writeValueAsString(spec);
    HostClusterSpec back = mapper.readValue(json, HostClusterSpec.class);

    assertThat(json).contains("\"providerConfig\":{\"type\":\"sandbox\",\"kubelet\":false}");
    assertThat(back).isEqualTo(spec);
    assertThat(back.providerConfig()).isInstanceOf(SandboxClusterConfig.class);
  }

  @Test
  void aConfigOfAProviderThatIsNotInstalledFailsToReadNamingTheKnownTypes() {
    String json = "{\"type\":\"vsphere\",\"datacenter\":\"dc1\"}";

    assertThatThrownBy(() -> new ObjectMapper().readValue(json, ProviderConfig.class))
        .hasMessageContaining("vsphere")
        .hasMessageContaining("provider config types registered: [sandbox]");
  }

  @Test
  void theFactoryReadsItsSettingsAndRefusesUnknownOnes() {
    assertThat(SandboxProviderFactory.settings(Map.of("provisioningDelay", "PT1S", "seed", "3")))
        .isEqualTo(SandboxSettings.builder().provisioningDelay(Duration.ofSeconds(1)).seed(3).build());
    assertThatThrownBy(() -> SandboxProviderFactory.settings(Map.of("region", "eu")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("sandbox setting 'region' is unknown; the sandbox understands"
            + " [jitter, nodeDelay, provisioningDelay, seed]");
    assertThatThrownBy(() -> SandboxProviderFactory.settings(Map.of("jitter", "-PT1S")))
        .hasMessageContaining("jitter must not be negative");
    assertThatThrownBy(() -> SandboxProviderFactory.settings(Map.of("seed", "x")))
        .hasMessageContaining("seed is a long");
  }

  @Test
  void anAccountIsVerifiedByItsShape() {
    assertThat(provider.verifyAccount(Clusters.ACCOUNT).isValid()).isTrue();
    assertThat(provider.verifyAccount(Clusters.ACCOUNT.toBuilder().putSetting("region", "eu").build())
        .reason()).contains("settings.region");
  }
}

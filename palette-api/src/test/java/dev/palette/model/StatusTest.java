package dev.palette.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A host cluster's status reads through the common Status shape, which adds nothing to its JSON. */
class StatusTest {
  private final HostClusterStatus status = HostClusterStatus.builder()
      .phase(ClusterPhase.PROVISIONING).progress(40).message("creating nodes").observedGeneration(3)
      .addCondition(Condition.builder().type("Ready").status(false).lastTransitionTime(Instant.EPOCH).build())
      .build();

  @Test
  void aHostClusterStatusIsACommonStatus() {
    Status common = status;

    assertThat(common.phaseName()).isEqualTo("PROVISIONING");
    assertThat(common.progress()).isEqualTo(40);
    assertThat(common.message()).isEqualTo("creating nodes");
    assertThat(common.observedGeneration()).isEqualTo(3);
    assertThat(common.conditions()).extracting(Condition::type).containsExactly("Ready");
  }

  @Test
  void thePhaseNameIsDerivedAndNotStored() throws Exception {
    ObjectMapper json = new ObjectMapper();
    // Without conditions: this module's tests have no Java time support for their timestamps.
    HostClusterStatus plain = status.withConditions();

    String written = json.writeValueAsString(plain);

    assertThat(written).contains("\"phase\":\"PROVISIONING\"").doesNotContain("phaseName");
    assertThat(json.readValue(written, HostClusterStatus.class)).isEqualTo(plain);
  }
}

package dev.palette.core;

import static dev.palette.core.Fixtures.PROJECT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.palette.ClusterMode;
import dev.palette.Palette;
import dev.palette.core.store.MemoryStateStore;
import dev.palette.error.ValidationException;
import dev.palette.error.Violation;
import dev.palette.model.HostClusterSpec;
import dev.palette.spi.RecordQuery;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ValidationTest {
  private final MemoryStateStore store = new MemoryStateStore();
  private Palette palette;
  private ClusterMode cm;

  @BeforeEach
  void start() {
    palette = Palette.builder().store(store).build();
    cm = palette.clusterMode();
    Fixtures.projectWithAccount(cm);
  }

  @AfterEach
  void stop() {
    palette.close();
  }

  @Test
  void oneExceptionListsEveryProblemAndTheStoreIsUnchanged() {
    // Once the audit events of what came before are stored, nothing else writes.
    cm.audit().query(dev.palette.model.AuditQuery.builder().build());
    long revision = store.revision();
    HostClusterSpec invalid = Fixtures.cluster("x").toBuilder()
        .name("")
        .cloudType("openstack")
        .nodePools(java.util.List.of(
            Fixtures.cluster("x").nodePools().get(0),
            Fixtures.cluster("x").nodePools().get(1).withSize(-1)))
        .build();

    ValidationException e = catchThrowableOfType(ValidationException.class,
        () -> cm.clusters().inProject(PROJECT).create(invalid));

    assertThat(e.violations()).extracting(Violation::field)
        .containsExactlyInAnyOrder("name", "cloudType", "nodePools[1].size");
    assertThat(e.getMessage())
        .contains("3 problems")
        .contains("unknown provider id 'openstack'; providers found: [sandbox]")
        .contains("is -1; must be 0 or more");
    assertThat(store.revision()).isEqualTo(revision);
    assertThat(store.list(RecordQuery.all("HostCluster")).records()).isEmpty();
  }

  @Test
  void poolsAndReferencesAreCheckedAgainstTheProviderAndTheStore() {
    HostClusterSpec invalid = Fixtures.cluster("gpu-1").toBuilder()
        .cloudAccount("nope")
        .addProfile(dev.palette.model.ProfileRef.of("missing", "1.0.0"))
        .nodePools(java.util.List.of(
            Fixtures.cluster("x").nodePools().get(0).withSize(2),
            Fixtures.cluster("x").nodePools().get(1).withInstanceType("m5.huge")))
        .build();

    ValidationException e = catchThrowableOfType(ValidationException.class,
        () -> cm.clusters().inProject(PROJECT).create(invalid));

    assertThat(e.violations()).extracting(Violation::field).containsExactlyInAnyOrder(
        "cloudAccount", "profiles[0]", "nodePools[0].size", "nodePools[1].instanceType");
    assertThat(e.getMessage()).contains("choose one of [sandbox.small");
  }

  @Test
  void aClusterInAMissingProjectIsRefused() {
    ValidationException e = catchThrowableOfType(ValidationException.class,
        () -> cm.clusters().inProject("nowhere").create(Fixtures.cluster("gpu-1")));
    assertThat(e.violations()).extracting(Violation::field).contains("project");
  }
}

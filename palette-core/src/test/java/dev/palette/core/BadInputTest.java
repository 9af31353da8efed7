package dev.palette.core;

import static dev.palette.core.Fixtures.PROJECT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.palette.ClusterMode;
import dev.palette.Palette;
import dev.palette.core.store.MemoryStateStore;
import dev.palette.error.ConflictException;
import dev.palette.error.ValidationException;
import dev.palette.error.Violation;
import dev.palette.model.HostClusterSpec;
import dev.palette.model.NodePoolSpec;
import dev.palette.model.RoleScope;
import dev.palette.spi.RecordQuery;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Input nobody should send: each is refused with one PaletteException and nothing is written. */
class BadInputTest {
  private final MemoryStateStore store = new MemoryStateStore();
  private Palette palette;
  private ClusterMode cm;
  private long revision;

  @BeforeEach
  void start() {
    palette = Palette.builder().store(store).build();
    cm = palette.clusterMode();
    Fixtures.projectWithAccount(cm);
    revision = settledRevision();
  }

  @AfterEach
  void stop() {
    assertThat(store.revision()).as("a refused call writes nothing").isEqualTo(revision);
    palette.close();
  }

  // The store's revision once the audit events of the calls so far are stored: they are appended
  // in the background, and a read of the audit log waits for them.
  private long settledRevision() {
    cm.audit().query(dev.palette.model.AuditQuery.builder().build());
    return store.revision();
  }

  private ValidationException refused(Runnable call) {
    return catchThrowableOfType(ValidationException.class, call::run);
  }

  @Test
  void aProjectWithNothingSetNamesTheMissingName() {
    ValidationException e = refused(() -> cm.projects().create(p -> {}));
    assertThat(e.violations()).extracting(Violation::field).containsExactly("name");
    assertThat(e.getMessage()).contains("name: is required");
  }

  @Test
  void aClusterWithOnlyANameNamesEveryMissingField() {
    ValidationException e = refused(() -> cm.clusters().inProject(PROJECT).create(c -> c.name("gpu-1")));
    assertThat(e.violations()).extracting(Violation::field)
        .containsExactlyInAnyOrder("cloudType", "cloudAccount");
  }

  @Test
  void aNodePoolBuiltWithoutItsSizeIsNamedByItsType() {
    ValidationException e = refused(() -> cm.clusters().inProject(PROJECT).create(c -> c.name("gpu-1")
        .cloudType("sandbox").cloudAccount("sandbox")
        .addNodePool(NodePoolSpec.builder().name("w").instanceType("sandbox.large").build())));
    assertThat(e.violations()).extracting(Violation::field).containsExactly("NodePoolSpec.size");
  }

  @Test
  void nullsGivenToABuilderNameTheirField() {
    ValidationException e = refused(() -> cm.projects().create(p -> p.name(null)));
    assertThat(e.violations()).extracting(Violation::field).containsExactly("name");
    e = refused(() -> cm.clusters().inProject(PROJECT).create(c -> c.name("x")
        .nodePools(java.util.Arrays.asList(Fixtures.cluster("x").nodePools().get(0), null))));
    assertThat(e.violations()).extracting(Violation::field).containsExactly("nodePools");
    e = refused(() -> cm.projects().create(p -> p.name("p").putLabel("team", null)));
    assertThat(e.violations()).extracting(Violation::field).containsExactly("labels[team]");
  }

  @Test
  void anUpdateThatNullsAFieldIsAValidationException() {
    cm.clusters().inProject(PROJECT).create(Fixtures.cluster("gpu-1")).await(Duration.ofSeconds(30));
    revision = settledRevision();
    ValidationException e = refused(() -> cm.clusters().inProject(PROJECT).withName("gpu-1")
        .update(b -> b.cloudType(null)));
    assertThat(e.violations()).extracting(Violation::field).containsExactly("cloudType");
  }

  @Test
  void nullArgumentsOfTheApiAreNullPointerExceptionsNamingTheParameter() {
    assertThatThrownBy(() -> cm.projects().watch(null)).isInstanceOf(NullPointerException.class)
        .hasMessage("listener");
    assertThatThrownBy(() -> cm.projects().create((dev.palette.model.ProjectSpec) null))
        .isInstanceOf(NullPointerException.class).hasMessage("spec");
    assertThatThrownBy(() -> cm.clusters().inProject(null)).isInstanceOf(NullPointerException.class)
        .hasMessage("project");
    assertThatThrownBy(() -> cm.users().withName(null)).isInstanceOf(NullPointerException.class)
        .hasMessage("name");
    assertThatThrownBy(() -> cm.roleBindings().bindUser(null, "Cluster Viewer", PROJECT))
        .isInstanceOf(NullPointerException.class).hasMessage("user");
    assertThatThrownBy(() -> cm.clusters().inProject(PROJECT).create((java.util.function.Consumer<HostClusterSpec.Builder>) null))
        .isInstanceOf(NullPointerException.class).hasMessage("spec");
  }

  @Test
  void badSettingsOfTheBuilderAndPrincipalsAreValidationExceptions() {
    assertThat(refused(() -> Palette.builder().workerThreads(0)).violations()).extracting(Violation::field)
        .containsExactly("workerThreads");
    assertThat(refused(() -> dev.palette.Principal.user(" ")).violations()).extracting(Violation::field)
        .containsExactly("name");
  }

  @Test
  void anEmptyProjectScopeIsAValidationException() {
    assertThat(refused(() -> cm.clusters().inProject("")).violations()).extracting(Violation::field)
        .containsExactly("project");
  }

  @Test
  void theLargestAwaitTimeoutWaitsInsteadOfOverflowing() {
    var create = cm.clusters().inProject(PROJECT).create(Fixtures.cluster("gpu-1"));
    // Duration.toNanos() of this overflows: the call threw ArithmeticException at once.
    assertThat(create.await(Duration.ofSeconds(Long.MAX_VALUE)).phase())
        .isEqualTo(dev.palette.model.ClusterPhase.RUNNING);
    assertThatThrownBy(() -> create.await(null)).isInstanceOf(NullPointerException.class).hasMessage("timeout");
    revision = settledRevision();
  }

  @Test
  void nodeCountsAreBounded() {
    HostClusterSpec huge = Fixtures.cluster("gpu-1").toBuilder()
        .nodePools(java.util.List.of(Fixtures.cluster("x").nodePools().get(0),
            Fixtures.cluster("x").nodePools().get(1).withSize(Integer.MAX_VALUE)))
        .build();
    ValidationException e = refused(() -> cm.clusters().inProject(PROJECT).create(huge));
    assertThat(e.violations()).extracting(Violation::field).contains("nodePools[1].size");
    assertThat(e.getMessage()).contains("at most 1000 nodes").doesNotContain("-2147483648");

    HostClusterSpec wide = Fixtures.cluster("gpu-1").toBuilder()
        .nodePools(java.util.List.of(Fixtures.cluster("x").nodePools().get(0),
            Fixtures.cluster("x").nodePools().get(1).withSize(100_000)))
        .build();
    assertThat(refused(() -> cm.clusters().inProject(PROJECT).create(wide)).violations())
        .extracting(Violation::field).contains("nodePools[1].size");

    var pools = new java.util.ArrayList<NodePoolSpec>();
    pools.add(Fixtures.cluster("x").nodePools().get(0));
    for (int i = 0; i < 6; i++) {
      pools.add(Fixtures.cluster("x").nodePools().get(1).withName("w" + i).withSize(1000));
    }
    HostClusterSpec many = Fixtures.cluster("gpu-1").withNodePools(pools);
    assertThat(refused(() -> cm.clusters().inProject(PROJECT).create(many)).getMessage())
        .contains("a cluster has at most 5000");
  }

  @Test
  void labelAndTagKeysAndValuesFollowKubernetes() {
    for (String key : new String[] {"", "two\nlines", "-dash", "a/", "/b", "x".repeat(64), "UPPER/x"}) {
      ValidationException e = refused(() -> cm.projects().create(p -> p.name("p").putLabel(key, "v")));
      assertThat(e.violations()).as("key %s", key).extracting(Violation::field).containsExactly("labels");
      e = refused(() -> cm.clusters().inProject(PROJECT).create(Fixtures.cluster("c").withTags(Map.of(key, "v"))));
      assertThat(e.violations()).as("tag key %s", key).extracting(Violation::field).containsExactly("tags");
    }
    ValidationException e = refused(() -> cm.projects().create(p -> p.name("p").putLabel("team", "v".repeat(10_000))));
    assertThat(e.violations()).extracting(Violation::field).containsExactly("labels['team']");
    assertThat(e.getMessage()).hasSizeLessThan(400).contains("…(10000 chars)");
    // What Kubernetes accepts is accepted.
    cm.projects().create(p -> p.name("ok").putLabel("example.com/team", "ml_v1.2").putLabel("tier", ""));
    revision = settledRevision();
  }

  @Test
  void descriptionsDisplayNamesAndEmailsAreBounded() {
    assertThat(refused(() -> cm.projects().create(p -> p.name("p").description("d".repeat(1 << 20))))
        .getMessage()).contains("description: is 1048576 characters long; at most 4096");
    ValidationException e = refused(() -> cm.users().create(u -> u.name("alice")
        .displayName("Alice\u0000").email("not an email\n")));
    assertThat(e.violations()).extracting(Violation::field).containsExactlyInAnyOrder("displayName", "email");
    assertThat(e.getMessage()).contains("'not an email\\n' is not an e-mail address");
  }

  @Test
  void roleNamesHaveNoSlashesNewlinesOrNuls() {
    for (String name : new String[] {"a/b", "two\nlines", "nul\u0000", "", " padded "}) {
      ValidationException e = refused(() -> cm.roles().create(r -> r.name(name).scope(RoleScope.TENANT)
          .addPermission("cluster.get")));
      assertThat(e.violations()).as("role %s", name).extracting(Violation::field).containsExactly("name");
    }
  }

  @Test
  void aHugeNameGivesAShortMessage() {
    ValidationException e = refused(() -> cm.projects().create(p -> p.name("n".repeat(10_000))));
    assertThat(e.getMessage()).hasSizeLessThan(400).contains("…(10000 chars)");
  }

  @Test
  void aCustomRoleCannotTakeABuiltInNameInAnotherCaseOrSpacing() {
    for (String name : new String[] {"cluster viewer", "CLUSTER   VIEWER", "Cluster Viewer"}) {
      ValidationException e = refused(() -> cm.roles().create(r -> r.name(name).scope(RoleScope.PROJECT)
          .addPermission("cluster.get")));
      assertThat(e.getMessage()).as(name).contains("is the name of the built-in role Cluster Viewer");
    }
    assertThat(store.list(RecordQuery.all("Role")).records()).isEmpty();
  }

  @Test
  void aProjectDeleteNamesEveryBlockerWithCounts() {
    cm.clusters().inProject(PROJECT).create(Fixtures.cluster("gpu-1")).await(Duration.ofSeconds(30));
    cm.clusters().inProject(PROJECT).create(Fixtures.cluster("gpu-2")).await(Duration.ofSeconds(30));
    cm.workspaces().inProject(PROJECT).create(w -> w.name("team-a").addCluster("gpu-1"));
    revision = settledRevision();
    assertThatThrownBy(() -> cm.projects().withName(PROJECT).delete())
        .isInstanceOf(ConflictException.class)
        .hasMessage("Project ml-modeling still holds 2 HostCluster, 1 CloudAccount and 1 Workspace record(s):"
            + " HostCluster gpu-1, HostCluster gpu-2, CloudAccount sandbox, Workspace team-a; delete them first");
    assertThat(cm.projects().withName(PROJECT).require().metadata().deletionRequested()).isFalse();
  }

  @Test
  void aClusterNamedByAWorkspaceCannotBeDeleted() {
    cm.clusters().inProject(PROJECT).create(Fixtures.cluster("gpu-1")).await(Duration.ofSeconds(30));
    cm.workspaces().inProject(PROJECT).create(w -> w.name("team-a").addCluster("gpu-1"));
    revision = settledRevision();
    assertThatThrownBy(() -> cm.clusters().inProject(PROJECT).withName("gpu-1").delete())
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining("is named by workspaces [team-a]; delete them first");
    assertThat(cm.clusters().inProject(PROJECT).withName("gpu-1").require().metadata().deletionRequested())
        .isFalse();
  }
}

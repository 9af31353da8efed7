package dev.palette.core;

import static dev.palette.core.Fixtures.PROJECT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.palette.ClusterMode;
import dev.palette.Palette;
import dev.palette.Subscription;
import dev.palette.dsl.HostClusterResource;
import dev.palette.error.ConflictException;
import dev.palette.error.NotFoundException;
import dev.palette.error.ValidationException;
import dev.palette.event.RecordEvent;
import dev.palette.model.AuditAction;
import dev.palette.model.AuditEvent;
import dev.palette.model.CloudAccount;
import dev.palette.model.HostCluster;
import dev.palette.model.Project;
import dev.palette.model.RoleScope;
import dev.palette.model.SubjectKind;
import dev.palette.sandbox.SandboxCloud;
import dev.palette.sandbox.SandboxProvider;
import dev.palette.sandbox.SandboxSettings;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The one collection shape every kind shares: scopes, label selection, updates, role bindings
 * addressed by what they bind, and a running cluster's Fabric8 client.
 */
class CollectionShapeTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private SandboxCloud cloud;
  private Palette palette;
  private ClusterMode cm;

  @BeforeEach
  void start() {
    cloud = new SandboxCloud(SandboxSettings.instant());
    palette = Palette.builder().discoverProviders(false)
        .provider(new SandboxProvider(cloud, Clock.systemUTC())).build();
    cm = palette.clusterMode();
    Fixtures.projectWithAccount(cm);
  }

  @AfterEach
  void stop() {
    palette.close();
    cloud.close();
  }

  @Test
  void scopedKindsListOneProjectTheTenantOrEveryScope() {
    cm.projects().create(p -> p.name("web"));
    cm.cloudAccounts().inTenant().create(a -> a.name("shared").cloudType("sandbox"));
    cm.cloudAccounts().inProject("web").create(a -> a.name("web-account").cloudType("sandbox"));

    assertThat(cm.cloudAccounts().inProject(PROJECT).list()).extracting(CloudAccount::name).containsExactly("sandbox");
    assertThat(cm.cloudAccounts().inTenant().list()).extracting(CloudAccount::name).containsExactly("shared");
    assertThat(cm.cloudAccounts().inAnyScope().list()).extracting(CloudAccount::name)
        .containsExactlyInAnyOrder("sandbox", "shared", "web-account");
    assertThat(cm.clusterProfiles().inAnyScope().list()).isEmpty();
    assertThat(cm.workspaces().inAnyScope().list()).isEmpty();
  }

  @Test
  void aMissingProjectNameIsAValidationErrorThatPointsToTheOtherScopes() {
    assertThatThrownBy(() -> cm.clusters().inProject(""))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("inTenant()")
        .hasMessageContaining("inAnyScope()");
  }

  @Test
  void withLabelSelectsWhatListsAndWatchesReturn() {
    List<RecordEvent<Project>> events = new CopyOnWriteArrayList<>();
    Subscription vision = cm.projects().withLabel("team", "vision").watch(events::add);
    try {
      cm.projects().create(p -> p.name("other").putLabel("team", "nlp"));
      cm.projects().create(p -> p.name("cameras").putLabel("team", "vision").putLabel("tier", "prod"));
      cm.projects().create(p -> p.name("drones").putLabel("team", "vision"));

      assertThat(cm.projects().withLabel("team", "vision").list()).extracting(Project::name)
          .containsExactly("cameras", "drones");
      assertThat(cm.projects().withLabel("team", "vision").withLabel("tier", "prod").list())
          .extracting(Project::name).containsExactly("cameras");
      await().atMost(WAIT).untilAsserted(() -> assertThat(events).extracting(e -> e.record().name())
          .containsExactly("cameras", "drones"));
    } finally {
      vision.close();
    }
  }

  @Test
  void updateChangesEveryKindThatCanChangeAndAuditsIt() {
    cm.users().create(u -> u.name("alice"));
    cm.users().create(u -> u.name("bob"));
    cm.teams().create(t -> t.name("ml-team").addMember("alice"));
    cm.roles().create(r -> r.name("Scaler").scope(RoleScope.PROJECT).addPermission("cluster.get"));
    cm.workspaces().inProject(PROJECT).create(w -> w.name("ws"));

    cm.projects().withName(PROJECT).update(p -> p.description("models").putLabel("tier", "prod"));
    cm.users().withName("alice").update(u -> u.displayName("Alice"));
    cm.teams().withName("ml-team").update(t -> t.addMember("bob"));
    cm.roles().withName("Scaler").update(r -> r.addPermission("cluster.update"));
    cm.workspaces().inProject(PROJECT).withName("ws").update(w -> w.addImageDenyList("docker.io/"));

    assertThat(cm.projects().withName(PROJECT).require().spec().description()).isEqualTo("models");
    assertThat(cm.projects().withName(PROJECT).require().metadata().generation()).isEqualTo(2);
    assertThat(cm.projects().withLabel("tier", "prod").list()).extracting(Project::name).containsExactly(PROJECT);
    assertThat(cm.users().withName("alice").require().spec().displayName()).isEqualTo("Alice");
    assertThat(cm.teams().withName("ml-team").require().spec().members()).containsExactly("alice", "bob");
    assertThat(cm.roles().withName("Scaler").require().spec().permissions())
        .containsExactlyInAnyOrder("cluster.get", "cluster.update");
    assertThat(cm.workspaces().inProject(PROJECT).withName("ws").require().spec().imageDenyList())
        .containsExactly("docker.io/");
    assertThat(cm.audit().query(q -> q.addAction(AuditAction.UPDATE))).extracting(AuditEvent::resourceKind)
        .containsExactly("Project", "User", "Team", "Role", "Workspace");
  }

  @Test
  void aCloudAccountUpdateRotatesItsCredentialsWithoutAuditingThem() {
    cm.cloudAccounts().inProject(PROJECT).create(a -> a.name("aws").cloudType("sandbox")
        .putCredential("secretAccessKey", "old-secret-1"));

    CloudAccount rotated = cm.cloudAccounts().inProject(PROJECT).withName("aws")
        .update(a -> a.putCredential("secretAccessKey", "new-secret-2"));

    assertThat(rotated.metadata().generation()).isEqualTo(2);
    List<AuditEvent> updates = cm.audit().query(q -> q.addAction(AuditAction.UPDATE));
    assertThat(updates).singleElement().satisfies(e -> {
      assertThat(e.message()).contains("credentials [secretAccessKey] changed").doesNotContain("secret-");
      assertThat(e.resourceKind()).isEqualTo("CloudAccount");
    });
  }

  @Test
  void anUpdateThatRenamesOrChangesTheCloudTypeIsRefusedAndWritesNothing() {
    long before = cm.cloudAccounts().inProject(PROJECT).withName("sandbox").require().metadata().revision();

    assertThatThrownBy(() -> cm.cloudAccounts().inProject(PROJECT).withName("sandbox")
        .update(a -> a.name("renamed").cloudType("aws")))
        .isInstanceOf(ValidationException.class)
        .satisfies(e -> assertThat(((ValidationException) e).violations())
            .extracting(v -> v.field()).containsExactlyInAnyOrder("name", "cloudType"));
    assertThat(cm.cloudAccounts().inProject(PROJECT).withName("sandbox").require().metadata().revision())
        .isEqualTo(before);
    assertThat(cm.audit().query(q -> q.addAction(AuditAction.UPDATE))).isEmpty();
  }

  @Test
  void anUpdateThatChangesNothingWritesNothing() {
    Project project = cm.projects().withName(PROJECT).require();

    assertThat(cm.projects().withName(PROJECT).update(p -> { })).isEqualTo(project);
    assertThat(cm.audit().query(q -> q.addAction(AuditAction.UPDATE))).isEmpty();
  }

  @Test
  void builtInRolesCannotBeUpdated() {
    assertThatThrownBy(() -> cm.roles().withName("Cluster Viewer").update(r -> r.addPermission("cluster.delete")))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining("built in");
  }

  @Test
  void roleBindingsAreAddressedBySubjectRoleAndScope() {
    cm.users().create(u -> u.name("alice"));
    cm.teams().create(t -> t.name("ml-team").addMember("alice"));
    cm.roleBindings().bindTeam("ml-team", "Cluster Admin", PROJECT);

    assertThat(cm.roleBindings().binding(SubjectKind.TEAM, "ml-team", "Cluster Admin", PROJECT).get())
        .hasValueSatisfying(b -> assertThat(b.spec().project()).isEqualTo(PROJECT));
    assertThat(cm.roleBindings().binding(SubjectKind.TEAM, "ml-team", "Cluster Admin", "").get()).isEmpty();

    cm.roleBindings().unbindTeam("ml-team", "Cluster Admin", PROJECT);

    assertThat(cm.roleBindings().list()).isEmpty();
    assertThatThrownBy(() -> cm.roleBindings().unbindTeam("ml-team", "Cluster Admin", PROJECT))
        .isInstanceOf(NotFoundException.class)
        .hasMessage("team ml-team holds no role Cluster Admin in project " + PROJECT);
  }

  @Test
  void clustersAreListedInEveryProjectAndSelectedByLabel() {
    cm.clusters().inProject(PROJECT).create(Fixtures.cluster("gpu-1").withLabels(java.util.Map.of("gpu", "a100")))
        .await(WAIT);
    cm.clusters().inProject(PROJECT).create(Fixtures.cluster("cpu-1")).await(WAIT);

    assertThat(cm.clusters().inAnyScope().list()).hasSize(2);
    assertThat(cm.clusters().inAnyScope().withLabel("gpu", "a100").list()).extracting(HostCluster::name)
        .containsExactly("gpu-1");
  }

  @Test
  void aRunningClusterGivesAFabric8ClientThatTheCallerCloses() {
    cm.clusters().inProject(PROJECT).create(Fixtures.cluster("gpu-1")).await(WAIT);
    HostClusterResource cluster = cm.clusters().inProject(PROJECT).withName("gpu-1");

    List<Node> nodes;
    try (KubernetesClient k8s = cluster.client()) {
      nodes = k8s.nodes().list().getItems();
    }

    assertThat(nodes).hasSize(4);
  }

  @Test
  void aClusterThatIsNotRunningHasNoClient() {
    cloud.close();
    cloud = new SandboxCloud(SandboxSettings.builder().provisioningDelay(Duration.ofMinutes(5)).build());
    palette.close();
    palette = Palette.builder().discoverProviders(false)
        .provider(new SandboxProvider(cloud, Clock.systemUTC())).build();
    cm = palette.clusterMode();
    Fixtures.projectWithAccount(cm);
    cm.clusters().inProject(PROJECT).create(Fixtures.cluster("slow"));

    assertThatThrownBy(() -> cm.clusters().inProject(PROJECT).withName("slow").client())
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining("RUNNING");
  }
}

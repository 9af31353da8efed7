package dev.palette.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.palette.ClusterMode;
import dev.palette.Palette;
import dev.palette.Principal;
import dev.palette.core.store.MemoryStateStore;
import dev.palette.error.AccessDeniedException;
import dev.palette.model.AuditAction;
import dev.palette.model.AuditEvent;
import dev.palette.model.HostClusterSpec;
import dev.palette.model.RateCard;
import dev.palette.model.RoleScope;
import dev.palette.model.SubjectKind;
import dev.palette.sandbox.SandboxCloud;
import dev.palette.sandbox.SandboxProvider;
import dev.palette.sandbox.SandboxSettings;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every public mutating operation × a set of roles, allowed or denied as the table says. Each cell
 * runs on a fresh engine set up by the tenant admin; user {@code u} holds only the role under test.
 */
class AuthorizationMatrixTest {
  private static final String A = "alpha";

  /** Roles under test: the built-in role and where it is bound ("" = tenant). */
  enum Grant {
    TENANT_ADMIN("Tenant Admin", ""),
    TENANT_VIEWER("Tenant Viewer", ""),
    TENANT_USER_ADMIN("Tenant User Admin", ""),
    PROJECT_ADMIN("Project Admin", A),
    CLUSTER_ADMIN("Cluster Admin", A),
    CLUSTER_EDITOR("Cluster Editor", A),
    CLUSTER_VIEWER("Cluster Viewer", A),
    NONE(null, "");

    final String role;
    final String project;

    Grant(String role, String project) {
      this.role = role;
      this.project = project;
    }
  }

  private record Row(String operation, Consumer<ClusterMode> call, Set<Grant> allowed) {}

  private static final Set<Grant> TA = Set.of(Grant.TENANT_ADMIN);
  private static final Set<Grant> TA_PA = Set.of(Grant.TENANT_ADMIN, Grant.PROJECT_ADMIN);
  private static final Set<Grant> CLUSTER_WRITERS =
      Set.of(Grant.TENANT_ADMIN, Grant.PROJECT_ADMIN, Grant.CLUSTER_ADMIN, Grant.CLUSTER_EDITOR);
  private static final Set<Grant> CLUSTER_DELETERS =
      Set.of(Grant.TENANT_ADMIN, Grant.PROJECT_ADMIN, Grant.CLUSTER_ADMIN);
  private static final Set<Grant> USER_ADMINS = Set.of(Grant.TENANT_ADMIN, Grant.TENANT_USER_ADMIN);

  /** The authorization table as users see it; one row per public mutating operation. */
  static List<Row> table() {
    return List.of(
        new Row("project.create", cm -> cm.projects().create(p -> p.name("new-project")), TA),
        new Row("project.delete", cm -> cm.projects().withName("beta").delete(), TA),
        new Row("cloudAccount.create (project)", cm -> cm.cloudAccounts().inProject(A)
            .create(a -> a.name("more").cloudType("sandbox")), TA_PA),
        new Row("cloudAccount.create (tenant)", cm -> cm.cloudAccounts().inTenant()
            .create(a -> a.name("shared").cloudType("sandbox")), TA),
        new Row("cloudAccount.delete", cm -> cm.cloudAccounts().inProject(A).withName("spare").delete(), TA_PA),
        new Row("clusterProfile.create", cm -> cm.clusterProfiles().inProject(A)
            .create(p -> p.name("extra").cloudType("sandbox")), TA_PA),
        new Row("clusterProfile.delete", cm -> cm.clusterProfiles().inProject(A).withName("base", "1.0.0").delete(),
            TA_PA),
        new Row("cluster.create", cm -> cm.clusters().inProject(A).create(Fixtures.cluster("c2")), CLUSTER_WRITERS),
        new Row("cluster.update", cm -> cm.clusters().inProject(A).withName("c1")
            .update(b -> b.putTag("team", "ml")), CLUSTER_WRITERS),
        new Row("cluster.update (scale)", cm -> cm.clusters().inProject(A).withName("c1").scaleNodePool("worker", 4),
            CLUSTER_WRITERS),
        new Row("cluster.delete", cm -> cm.clusters().inProject(A).withName("c1").delete(), CLUSTER_DELETERS),
        new Row("cluster.kubeconfig", cm -> cm.clusters().inProject(A).withName("c1").kubeconfig(), CLUSTER_WRITERS),
        new Row("user.create", cm -> cm.users().create(u -> u.name("carol")), USER_ADMINS),
        new Row("user.delete", cm -> cm.users().withName("bob").delete(), USER_ADMINS),
        new Row("team.create", cm -> cm.teams().create(t -> t.name("new-team")), TA),
        new Row("team.update (add member)", cm -> cm.teams().withName("ops").addMember("bob"), TA),
        new Row("team.update (remove member)", cm -> cm.teams().withName("ops").removeMember("dave"), TA),
        new Row("team.delete", cm -> cm.teams().withName("ops").delete(), TA),
        new Row("role.create", cm -> cm.roles().create(r -> r.name("Cluster Reader").scope(RoleScope.PROJECT)
            .addPermissions("cluster.get", "cluster.list")), TA),
        new Row("role.delete", cm -> cm.roles().withName("Auditor").delete(), TA),
        new Row("roleBinding.create (tenant)", cm -> cm.roleBindings().bindUser("bob", "Tenant Viewer", ""), TA),
        new Row("roleBinding.create (project)", cm -> cm.roleBindings().bindUser("bob", "Cluster Viewer", A), TA_PA),
        new Row("roleBinding.delete (project)", cm -> cm.roleBindings().withName("user.dave.cluster-viewer.alpha")
            .delete(), TA_PA),
        new Row("workspace.create", cm -> cm.workspaces().inProject(A).create(w -> w.name("ws2").addCluster("c1")),
            TA_PA),
        new Row("workspace.delete", cm -> cm.workspaces().inProject(A).withName("ws").delete(), TA_PA),
        new Row("cost.update (rate card)", cm -> cm.costs().updateRateCard(RateCard.builder().build()), TA),
        new Row("tenant.update (limits)", cm -> cm.tenant().updateLimits(l -> l.projects(300)), TA));
  }

  static Stream<Arguments> cells() {
    List<Arguments> cells = new ArrayList<>();
    for (Row row : table()) {
      for (Grant grant : Grant.values()) {
        cells.add(Arguments.of(row.operation(), grant, row));
      }
    }
    return cells.stream();
  }

  @ParameterizedTest(name = "{0} as {1}")
  @MethodSource("cells")
  void operationIsAllowedOrDeniedAsTheTableSays(String operation, Grant grant, Row row) {
    try (SandboxCloud cloud = new SandboxCloud(SandboxSettings.instant());
        Palette palette = Palette.builder().store(new MemoryStateStore()).discoverProviders(false)
            .provider(new SandboxProvider(cloud, Clock.systemUTC())).build()) {
      setUp(palette.clusterMode(), grant);
      ClusterMode asUser = palette.as(Principal.user("u")).clusterMode();

      if (row.allowed().contains(grant)) {
        assertThatCode(() -> row.call().accept(asUser)).as(operation + " as " + grant).doesNotThrowAnyException();
      } else {
        assertThatThrownBy(() -> row.call().accept(asUser)).as(operation + " as " + grant)
            .isInstanceOf(AccessDeniedException.class);
        List<AuditEvent> denials = palette.clusterMode().audit().query(q -> q.addAction(AuditAction.DENY));
        assertThat(denials).hasSize(1);
        assertThat(denials.get(0).actor()).isEqualTo("u");
      }
    }
  }

  /** Everything each operation needs, made by the tenant admin; then u gets the role under test. */
  private static void setUp(ClusterMode admin, Grant grant) {
    admin.projects().create(p -> p.name(A));
    admin.projects().create(p -> p.name("beta"));
    admin.cloudAccounts().inProject(A).create(a -> a.name("sandbox").cloudType("sandbox"));
    admin.cloudAccounts().inProject(A).create(a -> a.name("spare").cloudType("sandbox"));
    admin.clusterProfiles().inProject(A).create(p -> p.name("base").cloudType("sandbox"));
    HostClusterSpec c1 = Fixtures.cluster("c1");
    admin.clusters().inProject(A).create(c1).await(Duration.ofSeconds(30));
    admin.workspaces().inProject(A).create(w -> w.name("ws"));
    admin.users().create(u -> u.name("u"));
    admin.users().create(u -> u.name("bob"));
    admin.users().create(u -> u.name("dave"));
    admin.teams().create(t -> t.name("ops").addMember("dave"));
    admin.roles().create(r -> r.name("Auditor").scope(RoleScope.TENANT).addPermission("audit.list"));
    admin.roleBindings().bindUser("dave", "Cluster Viewer", A);
    if (grant.role != null) {
      admin.roleBindings().create(b -> b.subjectKind(SubjectKind.USER).subject("u").role(grant.role)
          .project(grant.project));
    }
  }
}

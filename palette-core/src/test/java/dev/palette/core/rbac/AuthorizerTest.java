package dev.palette.core.rbac;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.palette.Principal;
import dev.palette.error.AccessDeniedException;
import dev.palette.error.Violation;
import dev.palette.model.RoleBinding;
import dev.palette.model.RoleBindingSpec;
import dev.palette.model.RoleScope;
import dev.palette.model.SubjectKind;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AuthorizerTest {
  private static final Principal ALICE = Principal.user("alice");
  private static final Principal BOB = Principal.user("bob");
  private static final Principal CAROL = Principal.user("carol");

  private final TenancyRecords t = new TenancyRecords();
  private Authorizer authz;

  @BeforeEach
  void start() {
    t.project("a");
    t.project("b");
    t.user("alice");
    t.user("bob");
    t.user("carol");
    authz = new Authorizer(t.store, t.codec, Principal.TENANT_ADMIN, TenancyRecords.ROLES);
  }

  @AfterEach
  void stop() {
    authz.close();
  }

  @Test
  void clusterViewerReadsButDoesNotCreate() {
    t.bindUser("alice", "Cluster Viewer", "a");

    assertThat(authz.allowed(ALICE, "cluster.get", "a")).isTrue();
    assertThat(authz.allowed(ALICE, "cluster.list", "a")).isTrue();
    assertThat(authz.allowed(ALICE, "cluster.create", "a")).isFalse();
    assertThat(authz.allowed(ALICE, "cluster.get", "b")).isFalse();
    assertThat(authz.allowed(ALICE, "cluster.get", "")).isFalse();
  }

  @Test
  void projectAdminDoesEverythingInItsProjectOnly() {
    t.bindUser("alice", "Project Admin", "a");

    assertThat(authz.allowed(ALICE, "cluster.delete", "a")).isTrue();
    assertThat(authz.allowed(ALICE, "virtualCluster.pause", "a")).isTrue();
    assertThat(authz.allowed(ALICE, "cluster.delete", "b")).isFalse();
    assertThat(authz.allowed(ALICE, "user.create", "")).isFalse();
    assertThat(authz.allowed(ALICE, "project.create", "")).isFalse();
  }

  @Test
  void tenantViewerReadsEverywhereButChangesNothing() {
    t.bindUser("alice", "Tenant Viewer", "");

    assertThat(authz.allowed(ALICE, "cluster.list", "a")).isTrue();
    assertThat(authz.allowed(ALICE, "cluster.list", "b")).isTrue();
    assertThat(authz.allowed(ALICE, "user.list", "")).isTrue();
    assertThat(authz.allowed(ALICE, "audit.list", "")).isTrue();
    assertThat(authz.allowed(ALICE, "cost.get", "a")).isTrue();
    assertThat(authz.allowed(ALICE, "cluster.create", "a")).isFalse();
    assertThat(authz.allowed(ALICE, "user.create", "")).isFalse();
  }

  @Test
  void tenantRolesApplyInEveryProjectAndProjectRolesAdd() {
    t.bindUser("alice", "Tenant Cluster Group Editor", "");
    t.bindUser("alice", "Cluster Editor", "a");

    assertThat(authz.allowed(ALICE, "clusterGroup.create", "")).isTrue();
    assertThat(authz.allowed(ALICE, "clusterGroup.create", "b")).isTrue();
    assertThat(authz.allowed(ALICE, "clusterGroup.delete", "")).isFalse();
    assertThat(authz.allowed(ALICE, "cluster.kubeconfig", "a")).isTrue();
    assertThat(authz.allowed(ALICE, "cluster.kubeconfig", "b")).isFalse();
    assertThat(authz.permissions(ALICE, "a"))
        .contains("clusterGroup.create", "cluster.kubeconfig");
    assertThat(authz.permissions(ALICE, "")).doesNotContain("cluster.kubeconfig");
  }

  @Test
  void teamBindingsApplyToMembersUntilTheyAreRemoved() {
    t.team("ml", "alice", "bob");
    t.bindTeam("ml", "Cluster Admin", "a");

    assertThat(authz.allowed(ALICE, "cluster.delete", "a")).isTrue();
    assertThat(authz.allowed(BOB, "cluster.delete", "a")).isTrue();
    assertThat(authz.allowed(CAROL, "cluster.delete", "a")).isFalse();

    t.members("ml", "alice", "carol");

    assertThat(authz.allowed(ALICE, "cluster.delete", "a")).isTrue();
    assertThat(authz.allowed(BOB, "cluster.delete", "a")).isFalse();
    assertThat(authz.allowed(CAROL, "cluster.delete", "a")).isTrue();
  }

  @Test
  void deletingABindingRevokesIt() {
    RoleBinding binding = t.bindUser("alice", "Cluster Editor", "a");
    assertThat(authz.allowed(ALICE, "cluster.create", "a")).isTrue();

    t.records.delete(binding);

    assertThat(authz.allowed(ALICE, "cluster.create", "a")).isFalse();
    assertThat(authz.permissions(ALICE, "a")).isEmpty();
  }

  @Test
  void deletingAUserRevokesEverything() {
    t.bindUser("alice", "Tenant Admin", "");
    assertThat(authz.allowed(ALICE, "user.create", "")).isTrue();

    t.records.delete(t.records.getByName(dev.palette.core.record.RecordKind.USER, "", "alice")
        .orElseThrow());

    assertThat(authz.allowed(ALICE, "user.create", "")).isFalse();
  }

  @Test
  void customRoleWithAResourceWildcard() {
    t.role("GPU Operators", RoleScope.PROJECT, "cluster.*", "*.list");
    t.bindUser("alice", "GPU Operators", "a");

    assertThat(authz.allowed(ALICE, "cluster.delete", "a")).isTrue();
    assertThat(authz.allowed(ALICE, "cluster.kubeconfig", "a")).isTrue();
    assertThat(authz.allowed(ALICE, "appProfile.list", "a")).isTrue();
    assertThat(authz.allowed(ALICE, "appProfile.get", "a")).isFalse();
    assertThat(authz.allowed(ALICE, "cluster.delete", "b")).isFalse();
    assertThat(authz.permissions(ALICE, "a")).containsExactly("*.list", "cluster.*");
  }

  @Test
  void changingACustomRoleChangesWhatItsHoldersMay() {
    var role = t.role("Readers", RoleScope.PROJECT, "cluster.get");
    t.bindUser("alice", "readers", "a");
    assertThat(authz.allowed(ALICE, "cluster.list", "a")).isFalse();

    t.records.update(dev.palette.core.record.RecordKind.ROLE,
        role.withSpec(role.spec().withPermissions("cluster.get", "cluster.list")));

    assertThat(authz.allowed(ALICE, "cluster.list", "a")).isTrue();
  }

  @Test
  void aBindingToAMissingRoleOrAtTheWrongScopeGrantsNothing() {
    t.bindUser("alice", "Rocket Admin", "a");
    t.bindUser("alice", "Cluster Admin", "");
    t.bindUser("alice", "Tenant Admin", "a");

    assertThat(authz.allowed(ALICE, "cluster.get", "a")).isFalse();
    assertThat(authz.allowed(ALICE, "cluster.get", "")).isFalse();
    assertThat(authz.permissions(ALICE, "a")).isEmpty();
  }

  @Test
  void validateBindingNamesEveryProblem() {
    t.team("ml", "alice");

    assertThat(authz.validateBinding(spec(SubjectKind.USER, "alice", "Cluster Viewer", "a"))).isEmpty();
    assertThat(authz.validateBinding(spec(SubjectKind.TEAM, "ml", "Tenant Viewer", ""))).isEmpty();
    assertThat(authz.validateBinding(spec(SubjectKind.USER, "dave", "Rocket Admin", "a")))
        .extracting(Violation::field).containsExactly("role", "subject");
    assertThat(authz.validateBinding(spec(SubjectKind.TEAM, "ops", "Cluster Viewer", "a")))
        .extracting(Violation::message).containsExactly("no team named 'ops'; create the team first");
    assertThat(authz.validateBinding(spec(SubjectKind.USER, "alice", "Cluster Viewer", "")))
        .extracting(Violation::message)
        .containsExactly("'Cluster Viewer' is a project role; name the project to bind it in");
    assertThat(authz.validateBinding(spec(SubjectKind.USER, "alice", "Tenant Admin", "a")))
        .extracting(Violation::message)
        .containsExactly("'Tenant Admin' is a tenant role; bind it with an empty project");
    assertThat(authz.validateBinding(spec(SubjectKind.USER, "alice", "Cluster Viewer", "zzz")))
        .extracting(Violation::message).containsExactly("no project named 'zzz'");
  }

  @Test
  void validateBindingKnowsCustomRolesByNameOrSlug() {
    t.role("GPU Operators", RoleScope.TENANT, "cluster.list");

    assertThat(authz.validateBinding(spec(SubjectKind.USER, "alice", "GPU Operators", ""))).isEmpty();
    assertThat(authz.validateBinding(spec(SubjectKind.USER, "alice", "gpu-operators", ""))).isEmpty();
    assertThat(authz.validateBinding(spec(SubjectKind.USER, "alice", "gpu-operators", "a")))
        .extracting(Violation::field).containsExactly("project");
  }

  @Test
  void theAdminAndTheSystemMayDoEverything() {
    assertThat(authz.allowed(Principal.TENANT_ADMIN, "user.create", "")).isTrue();
    assertThat(authz.allowed(Principal.TENANT_ADMIN, "cluster.delete", "a")).isTrue();
    assertThat(authz.allowed(Principal.SYSTEM, "cluster.delete", "anywhere")).isTrue();
    assertThat(authz.projectsWhere(Principal.SYSTEM, "cluster.get").test("b")).isTrue();
    assertThat(authz.permissions(Principal.TENANT_ADMIN, "")).containsExactly("*");

    Authorizer other = new Authorizer(t.store, t.codec, Principal.user("root"), TenancyRecords.ROLES);
    assertThat(other.allowed(Principal.user("root"), "tenant.update", "")).isTrue();
    assertThat(other.allowed(Principal.TENANT_ADMIN, "tenant.update", "")).isFalse();
    other.close();
  }

  @Test
  void unknownPrincipalsAndServicesHoldNothing() {
    t.bindUser("alice", "Tenant Admin", "");
    t.bindUser("mallory", "Tenant Admin", "");

    assertThat(authz.allowed(Principal.user("mallory"), "cluster.get", "a")).isFalse();
    assertThat(authz.allowed(new Principal("alice", Principal.Type.SERVICE), "cluster.get", "a")).isFalse();
    assertThat(authz.allowed(new Principal("system", Principal.Type.USER), "cluster.get", "a")).isFalse();
    assertThat(authz.permissions(Principal.user("mallory"), "a")).isEmpty();
  }

  @Test
  void aUserCreatedLaterGetsTheBindingsWaitingForHim() {
    t.bindUser("dave", "Cluster Viewer", "a");
    assertThat(authz.allowed(Principal.user("dave"), "cluster.get", "a")).isFalse();

    t.user("dave");

    assertThat(authz.allowed(Principal.user("dave"), "cluster.get", "a")).isTrue();
  }

  @Test
  void projectsWhereSelectsTheProjectsWithTheGrant() {
    t.project("c");
    t.bindUser("alice", "Cluster Viewer", "a");
    t.bindUser("alice", "Project Viewer", "c");
    t.bindUser("alice", "App Profile Admin", "b");

    Predicate<String> clusters = authz.projectsWhere(ALICE, "cluster.list");
    assertThat(List.of("a", "b", "c", "d")).filteredOn(clusters).containsExactly("a", "c");
    assertThat(List.of("a", "b", "c")).filteredOn(authz.projectsWhere(ALICE, "cluster.delete")).isEmpty();

    t.bindUser("bob", "Tenant Viewer", "");
    assertThat(List.of("a", "b", "zz")).allMatch(authz.projectsWhere(BOB, "cluster.list"));
    assertThat(authz.projectsWhere(Principal.user("nobody"), "cluster.list").test("a")).isFalse();
  }

  @Test
  void denialNamesThePrincipalPermissionAndScope() {
    AccessDeniedException inProject = authz.denial(ALICE, "cluster.create", "a");
    assertThat(inProject.scope()).isEqualTo("project a");
    assertThat(inProject.permission()).isEqualTo("cluster.create");
    assertThat(inProject.getMessage()).startsWith("user:alice lacks permission cluster.create in project a");
    assertThat(authz.denial(ALICE, "user.create", "").scope()).isEqualTo("the tenant");

    assertThatThrownBy(() -> authz.check(ALICE, "user.create", ""))
        .isInstanceOf(AccessDeniedException.class).hasMessageContaining("in the tenant");
  }

  @Test
  void anAuthorizerOpenedOnAFilledStoreSeesItsRecords() {
    t.team("ml", "bob");
    t.bindTeam("ml", "Workspace Operator", "b");
    t.role("Auditors", RoleScope.TENANT, "audit.list");
    t.bindUser("carol", "Auditors", "");

    Authorizer fresh = new Authorizer(t.store, t.codec, Principal.TENANT_ADMIN, TenancyRecords.ROLES);
    assertThat(fresh.allowed(BOB, "workspace.update", "b")).isTrue();
    assertThat(fresh.allowed(CAROL, "audit.list", "")).isTrue();
    assertThat(fresh.allowed(CAROL, "audit.list", "b")).isTrue();
    fresh.close();
  }

  @Test
  void recordsOfOtherKindsDoNotDisturbTheIndex() {
    t.bindUser("alice", "Cluster Viewer", "a");
    assertThat(authz.allowed(ALICE, "cluster.get", "a")).isTrue();

    t.project("d");

    assertThat(authz.allowed(ALICE, "cluster.get", "a")).isTrue();
  }

  @Test
  void validateBindingSeesUsersTeamsAndRolesTheIndexHasNotHeardOfYet() {
    HeldEvents held = new HeldEvents(t.store);
    try (Authorizer late = new Authorizer(held, t.codec, Principal.TENANT_ADMIN, TenancyRecords.ROLES)) {
      t.user("dave");
      t.team("ops", "dave");
      t.role("Late Readers", RoleScope.PROJECT, "cluster.get");

      assertThat(late.validateBinding(spec(SubjectKind.USER, "dave", "Late Readers", "a"))).isEmpty();
      assertThat(late.validateBinding(spec(SubjectKind.TEAM, "ops", "Cluster Viewer", "a"))).isEmpty();
      assertThat(late.validateBinding(spec(SubjectKind.USER, "erin", "Late Readers", "a")))
          .extracting(Violation::field).containsExactly("subject");
    }
  }

  /** A store whose change events never reach its watchers, as when its event thread lags behind. */
  private static final class HeldEvents implements dev.palette.spi.StateStore {
    private final dev.palette.spi.StateStore delegate;

    HeldEvents(dev.palette.spi.StateStore delegate) {
      this.delegate = delegate;
    }

    @Override
    public java.util.Optional<dev.palette.spi.StoredRecord> get(String kind, String id) {
      return delegate.get(kind, id);
    }

    @Override
    public java.util.Optional<dev.palette.spi.StoredRecord> getByName(String kind, String project, String name) {
      return delegate.getByName(kind, project, name);
    }

    @Override
    public dev.palette.spi.Listing list(dev.palette.spi.RecordQuery query) {
      return delegate.list(query);
    }

    @Override
    public dev.palette.spi.StoredRecord create(dev.palette.spi.StoredRecord record) {
      return delegate.create(record);
    }

    @Override
    public dev.palette.spi.StoredRecord update(dev.palette.spi.StoredRecord record, long expectedRevision) {
      return delegate.update(record, expectedRevision);
    }

    @Override
    public dev.palette.spi.StoredRecord updateStatus(dev.palette.spi.StoredRecord record, long expectedRevision) {
      return delegate.updateStatus(record, expectedRevision);
    }

    @Override
    public void delete(String kind, String id, long expectedRevision) {
      delegate.delete(kind, id, expectedRevision);
    }

    @Override
    public dev.palette.Subscription watch(long fromRevision, dev.palette.spi.StoreListener listener) {
      return () -> { };
    }

    @Override
    public long revision() {
      // Only what was there when the authorizer listed it counts as seen, so no wait is owed.
      return 0;
    }

    @Override
    public void close() {
      delegate.close();
    }
  }

  private static RoleBindingSpec spec(SubjectKind kind, String subject, String role, String project) {
    return RoleBindingSpec.builder().subjectKind(kind).subject(subject).role(role).project(project).build();
  }
}

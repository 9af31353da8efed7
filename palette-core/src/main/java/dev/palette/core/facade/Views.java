package dev.palette.core.facade;

import dev.palette.AppMode;
import dev.palette.ClusterMode;
import dev.palette.Operation;
import dev.palette.Principal;
import dev.palette.Subscription;
import dev.palette.core.rbac.BuiltInRoles;
import dev.palette.core.record.RecordKind;
import dev.palette.dsl.AuditLog;
import dev.palette.dsl.CloudAccounts;
import dev.palette.dsl.ClusterProfiles;
import dev.palette.dsl.Costs;
import dev.palette.dsl.Gettable;
import dev.palette.dsl.HostClusterResource;
import dev.palette.dsl.HostClusters;
import dev.palette.dsl.Listable;
import dev.palette.dsl.NamedResource;
import dev.palette.dsl.ProjectOperations;
import dev.palette.dsl.ProjectScoped;
import dev.palette.dsl.RoleBindings;
import dev.palette.dsl.Roles;
import dev.palette.dsl.Scoped;
import dev.palette.dsl.TeamResource;
import dev.palette.dsl.UpdatableResource;
import dev.palette.dsl.Teams;
import dev.palette.dsl.Tenant;
import dev.palette.dsl.Users;
import dev.palette.dsl.Workspaces;
import dev.palette.error.NotFoundException;
import dev.palette.error.ValidationException;
import dev.palette.error.Violation;
import dev.palette.event.RecordEvent;
import dev.palette.model.AuditEvent;
import dev.palette.model.AuditQuery;
import dev.palette.model.AuditVerification;
import dev.palette.model.CloudAccount;
import dev.palette.model.CloudAccountSpec;
import dev.palette.model.ClusterProfile;
import dev.palette.model.ClusterProfileSpec;
import dev.palette.model.CostGroup;
import dev.palette.model.CostReport;
import dev.palette.model.HostCluster;
import dev.palette.model.HostClusterSpec;
import dev.palette.model.Kubeconfig;
import dev.palette.model.Project;
import dev.palette.model.ProjectSpec;
import dev.palette.model.RateCard;
import dev.palette.model.Resource;
import dev.palette.model.Role;
import dev.palette.model.RoleBinding;
import dev.palette.model.RoleBindingSpec;
import dev.palette.model.RoleSpec;
import dev.palette.model.SubjectKind;
import dev.palette.model.Team;
import dev.palette.model.TeamSpec;
import dev.palette.model.TenantLimits;
import dev.palette.model.User;
import dev.palette.model.UserSpec;
import dev.palette.model.Workspace;
import dev.palette.model.WorkspaceSpec;
import java.io.Writer;
import java.time.Instant;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The DSL of both modes, as thin adapters from the public interfaces onto the facades. Every kind
 * has the same shape, built from the generic views below: {@link Selection} (list, watch,
 * withLabel), {@link ListView} (a collection of one scope), {@link RecordView} (get, require,
 * watch), {@link Deletable} and {@link Editable} (delete, update). Only host clusters, teams, roles
 * and role bindings add views of their own.
 */
public final class Views {
  private Views() {}

  /** Cluster Mode for one principal. */
  public static ClusterMode clusterMode(Facade facade, TenancyFacade tenancy, Principal principal) {
    return new ClusterModeView(facade, tenancy, principal);
  }

  /** How records of a kind are read: the permission to get one and to list them. */
  private record Reads<R extends Resource<?>>(RecordKind<R> kind, Action get, Action list) {}

  private static final Reads<Project> PROJECTS = new Reads<>(RecordKind.PROJECT, Action.PROJECT_GET, Action.PROJECT_LIST);
  private static final Reads<CloudAccount> ACCOUNTS =
      new Reads<>(RecordKind.CLOUD_ACCOUNT, Action.CLOUD_ACCOUNT_GET, Action.CLOUD_ACCOUNT_LIST);
  private static final Reads<ClusterProfile> PROFILES =
      new Reads<>(RecordKind.CLUSTER_PROFILE, Action.CLUSTER_PROFILE_GET, Action.CLUSTER_PROFILE_LIST);
  private static final Reads<HostCluster> CLUSTERS =
      new Reads<>(RecordKind.HOST_CLUSTER, Action.CLUSTER_GET, Action.CLUSTER_LIST);
  private static final Reads<User> USERS = new Reads<>(RecordKind.USER, Action.USER_GET, Action.USER_LIST);
  private static final Reads<Team> TEAMS = new Reads<>(RecordKind.TEAM, Action.TEAM_GET, Action.TEAM_LIST);
  private static final Reads<Role> ROLES = new Reads<>(RecordKind.ROLE, Action.ROLE_GET, Action.ROLE_LIST);
  private static final Reads<RoleBinding> BINDINGS =
      new Reads<>(RecordKind.ROLE_BINDING, Action.ROLE_BINDING_GET, Action.ROLE_BINDING_LIST);
  private static final Reads<Workspace> WORKSPACES =
      new Reads<>(RecordKind.WORKSPACE, Action.WORKSPACE_GET, Action.WORKSPACE_LIST);

  private record ClusterModeView(Facade facade, TenancyFacade tenancy, Principal principal) implements ClusterMode {
    @Override
    public ProjectOperations projects() {
      return new ProjectsView(this);
    }

    @Override
    public Scoped<CloudAccounts, CloudAccount> cloudAccounts() {
      return scoped(this, ACCOUNTS, project -> new CloudAccountsView(this, project));
    }

    @Override
    public Scoped<ClusterProfiles, ClusterProfile> clusterProfiles() {
      return scoped(this, PROFILES, project -> new ClusterProfilesView(this, project));
    }

    @Override
    public ProjectScoped<HostClusters, HostCluster> clusters() {
      return projectScoped(this, CLUSTERS, project -> new HostClustersView(this, project));
    }

    @Override
    public Users users() {
      return new UsersView(this);
    }

    @Override
    public Teams teams() {
      return new TeamsView(this);
    }

    @Override
    public Roles roles() {
      return new RolesView(this);
    }

    @Override
    public RoleBindings roleBindings() {
      return new RoleBindingsView(this);
    }

    @Override
    public ProjectScoped<Workspaces, Workspace> workspaces() {
      return projectScoped(this, WORKSPACES, project -> new WorkspacesView(this, project));
    }

    @Override
    public AuditLog audit() {
      return new AuditView(this);
    }

    @Override
    public Costs costs() {
      ClusterModeView self = this;
      return new Costs() {
        @Override
        public RateCard rateCard() {
          return tenancy.rateCard(self.principal);
        }

        @Override
        public RateCard updateRateCard(RateCard overrides) {
          return tenancy.updateRateCard(self.principal, overrides);
        }

        @Override
        public CostReport report(Instant from, Instant to, CostGroup groupBy) {
          return tenancy.costReport(self.principal, from, to, groupBy);
        }
      };
    }

    @Override
    public Tenant tenant() {
      ClusterModeView self = this;
      return new Tenant() {
        @Override
        public TenantLimits limits() {
          return tenancy.limits();
        }

        @Override
        public TenantLimits updateLimits(Consumer<TenantLimits.Builder> changes) {
          return tenancy.updateLimits(self.principal, changes);
        }
      };
    }

    @Override
    public AppMode appMode() {
      ClusterMode self = this;
      return new AppMode() {
        @Override
        public Principal principal() {
          return principal;
        }

        @Override
        public ClusterMode clusterMode() {
          return self;
        }
      };
    }
  }

  // ---- scopes ----

  private static <T, R extends Resource<?>> ProjectScoped<T, R> projectScoped(
      ClusterModeView mode, Reads<R> reads, Function<String, T> inProject) {
    return new ProjectScoped<>() {
      @Override
      public T inProject(String project) {
        return inProject.apply(requireProjectName(project));
      }

      @Override
      public Listable<R> inAnyScope() {
        return new Selection<>(mode, reads, null, Map.of());
      }
    };
  }

  private static <T, R extends Resource<?>> Scoped<T, R> scoped(
      ClusterModeView mode, Reads<R> reads, Function<String, T> inScope) {
    ProjectScoped<T, R> projects = projectScoped(mode, reads, inScope);
    return new Scoped<>() {
      @Override
      public T inProject(String project) {
        return projects.inProject(project);
      }

      @Override
      public T inTenant() {
        return inScope.apply("");
      }

      @Override
      public Listable<R> inAnyScope() {
        return projects.inAnyScope();
      }
    };
  }

  private static String requireProjectName(String project) {
    if (project == null || project.isEmpty()) {
      throw new ValidationException("scope", List.of(new Violation("project",
          "must name a project; use inTenant() for tenant scope or inAnyScope() to list every scope")));
    }
    return project;
  }

  // ---- the generic views every kind is built from ----

  /**
   * Records of one kind in one scope ({@code null}: every scope) that carry every label of
   * {@code labels}: what list, watch and withLabel of every collection read.
   */
  private record Selection<R extends Resource<?>>(
      ClusterModeView mode, Reads<R> reads, String project, Map<String, String> labels) implements Listable<R> {
    @Override
    public List<R> list() {
      return mode.facade.list(mode.principal, reads.list(), reads.kind(), project, labels);
    }

    @Override
    public Subscription watch(Consumer<RecordEvent<R>> listener) {
      return mode.facade.watch(mode.principal, reads.list(), reads.kind(), project, labels, null, listener);
    }

    @Override
    public Listable<R> withLabel(String key, String value) {
      Map<String, String> more = new HashMap<>(labels);
      more.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
      return new Selection<>(mode, reads, project, more);
    }
  }

  /** A collection of one kind in one scope; its list, watch and withLabel are its selection's. */
  private abstract static class ListView<R extends Resource<?>> implements Listable<R> {
    final ClusterModeView mode;
    final String project;
    private final Selection<R> all;

    ListView(ClusterModeView mode, Reads<R> reads, String project) {
      this.mode = mode;
      this.project = project;
      this.all = new Selection<>(mode, reads, project, Map.of());
    }

    Facade facade() {
      return mode.facade;
    }

    TenancyFacade tenancy() {
      return mode.tenancy;
    }

    Principal principal() {
      return mode.principal;
    }

    @Override
    public List<R> list() {
      return all.list();
    }

    @Override
    public Subscription watch(Consumer<RecordEvent<R>> listener) {
      return all.watch(listener);
    }

    @Override
    public Listable<R> withLabel(String key, String value) {
      return all.withLabel(key, value);
    }
  }

  /** Get and watch of one record by its stored name; changes are left to each kind. */
  private abstract static class RecordView<R extends Resource<?>> implements Gettable<R> {
    final ClusterModeView mode;
    final Reads<R> reads;
    final String project;
    final String name;

    RecordView(ClusterModeView mode, Reads<R> reads, String project, String name) {
      this.mode = mode;
      this.reads = reads;
      this.project = project;
      this.name = name;
    }

    @Override
    public Optional<R> get() {
      return mode.facade.get(mode.principal, reads.get(), reads.kind(), project, name);
    }

    @Override
    public R require() {
      return mode.facade.require(mode.principal, reads.get(), reads.kind(), project, name);
    }

    @Override
    public Subscription watch(Consumer<RecordEvent<R>> listener) {
      return mode.facade.watch(mode.principal, reads.list(), reads.kind(), project, Map.of(), name, listener);
    }
  }

  /** A record view whose delete is one facade call. */
  private static class Deletable<R extends Resource<?>> extends RecordView<R> implements NamedResource<R> {
    private final Runnable delete;

    Deletable(ClusterModeView mode, Reads<R> reads, String project, String name, Runnable delete) {
      super(mode, reads, project, name);
      this.delete = delete;
    }

    @Override
    public void delete() {
      delete.run();
    }
  }

  /** A record view whose update and delete are one facade call each. */
  private static class Editable<R extends Resource<?>, B> extends Deletable<R> implements UpdatableResource<R, B> {
    private final Function<Consumer<B>, R> update;

    Editable(ClusterModeView mode, Reads<R> reads, String project, String name,
        Function<Consumer<B>, R> update, Runnable delete) {
      super(mode, reads, project, name, delete);
      this.update = update;
    }

    @Override
    public R update(Consumer<B> changes) {
      return update.apply(changes);
    }
  }

  // ---- the kinds ----

  private static final class ProjectsView extends ListView<Project> implements ProjectOperations {
    ProjectsView(ClusterModeView mode) {
      super(mode, PROJECTS, "");
    }

    @Override
    public Project create(ProjectSpec spec) {
      return facade().createProject(principal(), spec);
    }

    @Override
    public UpdatableResource<Project, ProjectSpec.Builder> withName(String name) {
      return new Editable<>(mode, PROJECTS, "", name,
          changes -> facade().updateProject(principal(), name, changes),
          () -> facade().deleteProject(principal(), name));
    }
  }

  private static final class CloudAccountsView extends ListView<CloudAccount> implements CloudAccounts {
    CloudAccountsView(ClusterModeView mode, String project) {
      super(mode, ACCOUNTS, project);
    }

    @Override
    public CloudAccount create(CloudAccountSpec spec) {
      return facade().createCloudAccount(principal(), project, spec);
    }

    @Override
    public UpdatableResource<CloudAccount, CloudAccountSpec.Builder> withName(String name) {
      return new Editable<>(mode, ACCOUNTS, project, name,
          changes -> facade().updateCloudAccount(principal(), project, name, changes),
          () -> facade().deleteCloudAccount(principal(), project, name));
    }
  }

  private static final class ClusterProfilesView extends ListView<ClusterProfile> implements ClusterProfiles {
    ClusterProfilesView(ClusterModeView mode, String project) {
      super(mode, PROFILES, project);
    }

    @Override
    public ClusterProfile create(ClusterProfileSpec spec) {
      return facade().createClusterProfile(principal(), project, spec);
    }

    @Override
    public NamedResource<ClusterProfile> withName(String name, String version) {
      return new Deletable<>(mode, PROFILES, project, Facade.profileKey(name, version),
          () -> facade().deleteClusterProfile(principal(), project, name, version));
    }
  }

  private static final class HostClustersView extends ListView<HostCluster> implements HostClusters {
    HostClustersView(ClusterModeView mode, String project) {
      super(mode, CLUSTERS, project);
    }

    @Override
    public Operation<HostCluster> create(HostClusterSpec spec) {
      return facade().createCluster(principal(), project, spec);
    }

    @Override
    public HostClusterResource withName(String name) {
      return new ClusterView(mode, project, name);
    }
  }

  private static final class ClusterView extends RecordView<HostCluster> implements HostClusterResource {
    ClusterView(ClusterModeView mode, String project, String name) {
      super(mode, CLUSTERS, project, name);
    }

    @Override
    public Operation<HostCluster> update(Consumer<HostClusterSpec.Builder> changes) {
      return mode.facade.updateCluster(mode.principal, project, name, changes);
    }

    @Override
    public Operation<HostCluster> scaleNodePool(String pool, int size) {
      return mode.facade.scaleNodePool(mode.principal, project, name, pool, size);
    }

    @Override
    public Operation<Void> delete() {
      return mode.facade.deleteCluster(mode.principal, project, name);
    }

    @Override
    public Operation<HostCluster> untilReady() {
      return mode.facade.untilReady(mode.principal, project, name);
    }

    @Override
    public Kubeconfig kubeconfig() {
      return mode.facade.kubeconfig(mode.principal, project, name);
    }

    @Override
    public KubernetesClient client() {
      return new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(kubeconfig().yaml())).build();
    }
  }

  private static final class UsersView extends ListView<User> implements Users {
    UsersView(ClusterModeView mode) {
      super(mode, USERS, "");
    }

    @Override
    public User create(UserSpec spec) {
      return tenancy().createUser(principal(), spec);
    }

    @Override
    public UpdatableResource<User, UserSpec.Builder> withName(String name) {
      return new Editable<>(mode, USERS, "", name,
          changes -> tenancy().updateUser(principal(), name, changes),
          () -> tenancy().deleteUser(principal(), name));
    }
  }

  private static final class TeamsView extends ListView<Team> implements Teams {
    TeamsView(ClusterModeView mode) {
      super(mode, TEAMS, "");
    }

    @Override
    public Team create(TeamSpec spec) {
      return tenancy().createTeam(principal(), spec);
    }

    @Override
    public TeamResource withName(String name) {
      return new TeamView(mode, name);
    }
  }

  private static final class TeamView extends Editable<Team, TeamSpec.Builder> implements TeamResource {
    TeamView(ClusterModeView mode, String name) {
      super(mode, TEAMS, "", name,
          changes -> mode.tenancy.updateTeam(mode.principal, name, changes),
          () -> mode.tenancy.deleteTeam(mode.principal, name));
    }

    @Override
    public Team addMember(String user) {
      return mode.tenancy.changeMembers(mode.principal, name, user, true);
    }

    @Override
    public Team removeMember(String user) {
      return mode.tenancy.changeMembers(mode.principal, name, user, false);
    }
  }

  /** Roles differ in two ways: the list holds the built-in roles, and a role is stored by its slug. */
  private static final class RolesView extends ListView<Role> implements Roles {
    RolesView(ClusterModeView mode) {
      super(mode, ROLES, "");
    }

    @Override
    public List<Role> list() {
      return tenancy().roles(principal());
    }

    @Override
    public Role create(RoleSpec spec) {
      return tenancy().createRole(principal(), spec);
    }

    @Override
    public UpdatableResource<Role, RoleSpec.Builder> withName(String name) {
      return new Editable<>(mode, ROLES, "", BuiltInRoles.slug(name),
          changes -> tenancy().updateRole(principal(), name, changes),
          () -> tenancy().deleteRole(principal(), name)) {
        @Override
        public Optional<Role> get() {
          return mode.tenancy.role(mode.principal, name);
        }

        @Override
        public Role require() {
          return get().orElseThrow(() -> new NotFoundException("Role " + name + " does not exist"));
        }
      };
    }
  }

  /** Role bindings are addressed by what they bind; their stored name stays the facade's business. */
  private static final class RoleBindingsView extends ListView<RoleBinding> implements RoleBindings {
    RoleBindingsView(ClusterModeView mode) {
      super(mode, BINDINGS, "");
    }

    @Override
    public RoleBinding create(RoleBindingSpec spec) {
      return tenancy().createBinding(principal(), spec);
    }

    @Override
    public NamedResource<RoleBinding> binding(SubjectKind kind, String subject, String role, String project) {
      RoleBindingSpec bound = RoleBindingSpec.builder().subjectKind(kind).subject(subject).role(role)
          .project(project).build();
      return new Deletable<>(mode, BINDINGS, "", TenancyFacade.bindingName(bound),
          () -> tenancy().deleteBinding(principal(), bound));
    }
  }

  private static final class WorkspacesView extends ListView<Workspace> implements Workspaces {
    WorkspacesView(ClusterModeView mode, String project) {
      super(mode, WORKSPACES, project);
    }

    @Override
    public Workspace create(WorkspaceSpec spec) {
      return tenancy().createWorkspace(principal(), project, spec);
    }

    @Override
    public UpdatableResource<Workspace, WorkspaceSpec.Builder> withName(String name) {
      return new Editable<>(mode, WORKSPACES, project, name,
          changes -> tenancy().updateWorkspace(principal(), project, name, changes),
          () -> tenancy().deleteWorkspace(principal(), project, name));
    }
  }

  private record AuditView(ClusterModeView mode) implements AuditLog {
    @Override
    public List<AuditEvent> query(AuditQuery query) {
      return mode.tenancy.auditQuery(mode.principal, query);
    }

    @Override
    public AuditVerification verify() {
      return mode.tenancy.auditVerify(mode.principal);
    }

    @Override
    public void exportCsv(AuditQuery query, Writer out) {
      mode.tenancy.auditExport(mode.principal, query, out, true);
    }

    @Override
    public void exportJsonLines(AuditQuery query, Writer out) {
      mode.tenancy.auditExport(mode.principal, query, out, false);
    }

    @Override
    public Subscription watch(Consumer<AuditEvent> listener) {
      return mode.tenancy.auditWatch(mode.principal, listener);
    }
  }
}

package dev.palette.core.facade;

import dev.palette.AppMode;
import dev.palette.ClusterMode;
import dev.palette.Operation;
import dev.palette.Principal;
import dev.palette.Subscription;
import dev.palette.core.record.RecordKind;
import dev.palette.dsl.AuditLog;
import dev.palette.dsl.CloudAccounts;
import dev.palette.dsl.ClusterProfiles;
import dev.palette.dsl.Costs;
import dev.palette.dsl.Gettable;
import dev.palette.dsl.HostClusterOperations;
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
import dev.palette.model.Team;
import dev.palette.model.TeamSpec;
import dev.palette.model.TenantLimits;
import dev.palette.model.User;
import dev.palette.model.UserSpec;
import dev.palette.model.Workspace;
import dev.palette.model.WorkspaceSpec;
import java.io.Writer;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/** The DSL of both modes, as thin adapters from the public interfaces onto the facades. */
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
    public Scoped<CloudAccounts> cloudAccounts() {
      return scoped(project -> new CloudAccountsView(this, project));
    }

    @Override
    public Scoped<ClusterProfiles> clusterProfiles() {
      return scoped(project -> new ClusterProfilesView(this, project));
    }

    @Override
    public HostClusterOperations clusters() {
      ClusterModeView self = this;
      return new HostClusterOperations() {
        @Override
        public HostClusters inProject(String project) {
          Objects.requireNonNull(project, "project");
          return new HostClustersView(self, requireProjectName(project));
        }

        @Override
        public List<HostCluster> list() {
          return facade.list(principal, Action.CLUSTER_LIST, RecordKind.HOST_CLUSTER, null);
        }
      };
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
    public ProjectScoped<Workspaces> workspaces() {
      return project -> new WorkspacesView(this, requireProjectName(project));
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
          Objects.requireNonNull(overrides, "overrides");
          return tenancy.updateRateCard(self.principal, overrides);
        }

        @Override
        public CostReport report(Instant from, Instant to, CostGroup groupBy) {
          Objects.requireNonNull(from, "from");
          Objects.requireNonNull(to, "to");
          Objects.requireNonNull(groupBy, "groupBy");
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
          Objects.requireNonNull(changes, "changes");
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

  private static <T> Scoped<T> scoped(Function<String, T> inScope) {
    return new Scoped<>() {
      @Override
      public T inProject(String project) {
        Objects.requireNonNull(project, "project");
        return inScope.apply(requireProjectName(project));
      }

      @Override
      public T inTenant() {
        return inScope.apply("");
      }
    };
  }

  private static String requireProjectName(String project) {
    Objects.requireNonNull(project, "project");
    if (project.isEmpty()) {
      throw new ValidationException("project scope", List.of(new Violation("project",
          "must not be empty; use inTenant() for tenant scope")));
    }
    return project;
  }

  /** List and watch over one kind in one scope. */
  private abstract static class ListView<R extends Resource<?>> implements Listable<R> {
    final ClusterModeView mode;
    final Reads<R> reads;
    final String project;

    ListView(ClusterModeView mode, Reads<R> reads, String project) {
      this.mode = mode;
      this.reads = reads;
      this.project = project;
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
      return facade().list(principal(), reads.list(), reads.kind(), project);
    }

    @Override
    public Subscription watch(Consumer<RecordEvent<R>> listener) {
      Objects.requireNonNull(listener, "listener");
      return facade().watch(principal(), reads.list(), reads.kind(), project, null, listener);
    }
  }

  /** Get and watch of one record by its stored name; deletion is left to each kind. */
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
      Objects.requireNonNull(listener, "listener");
      return mode.facade.watch(mode.principal, reads.list(), reads.kind(), project, name, listener);
    }
  }

  /** A record view whose delete is one call. */
  private static final class Deletable<R extends Resource<?>> extends RecordView<R> implements NamedResource<R> {
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

  private static <R extends Resource<?>> NamedResource<R> deletable(
      ClusterModeView mode, Reads<R> reads, String project, String name, Runnable delete) {
    return new Deletable<>(mode, reads, project, name, delete);
  }

  private static final class ProjectsView extends ListView<Project> implements ProjectOperations {
    ProjectsView(ClusterModeView mode) {
      super(mode, PROJECTS, "");
    }

    @Override
    public Project create(ProjectSpec spec) {
      Objects.requireNonNull(spec, "spec");
      return facade().createProject(principal(), spec);
    }

    @Override
    public NamedResource<Project> withName(String name) {
      Objects.requireNonNull(name, "name");
      return deletable(mode, PROJECTS, "", name, () -> facade().deleteProject(principal(), name));
    }
  }

  private static final class CloudAccountsView extends ListView<CloudAccount> implements CloudAccounts {
    CloudAccountsView(ClusterModeView mode, String project) {
      super(mode, ACCOUNTS, project);
    }

    @Override
    public CloudAccount create(CloudAccountSpec spec) {
      Objects.requireNonNull(spec, "spec");
      return facade().createCloudAccount(principal(), project, spec);
    }

    @Override
    public NamedResource<CloudAccount> withName(String name) {
      Objects.requireNonNull(name, "name");
      return deletable(mode, ACCOUNTS, project, name, () -> facade().deleteCloudAccount(principal(), project, name));
    }
  }

  private static final class ClusterProfilesView extends ListView<ClusterProfile> implements ClusterProfiles {
    ClusterProfilesView(ClusterModeView mode, String project) {
      super(mode, PROFILES, project);
    }

    @Override
    public ClusterProfile create(ClusterProfileSpec spec) {
      Objects.requireNonNull(spec, "spec");
      return facade().createClusterProfile(principal(), project, spec);
    }

    @Override
    public NamedResource<ClusterProfile> withName(String name, String version) {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(version, "version");
      return deletable(mode, PROFILES, project, Facade.profileKey(name, version),
          () -> facade().deleteClusterProfile(principal(), project, name, version));
    }
  }

  private static final class HostClustersView extends ListView<HostCluster> implements HostClusters {
    HostClustersView(ClusterModeView mode, String project) {
      super(mode, CLUSTERS, project);
    }

    @Override
    public Operation<HostCluster> create(HostClusterSpec spec) {
      Objects.requireNonNull(spec, "spec");
      return facade().createCluster(principal(), project, spec);
    }

    @Override
    public HostClusterResource withName(String name) {
      Objects.requireNonNull(name, "name");
      return new ClusterView(mode, project, name);
    }
  }

  private static final class ClusterView extends RecordView<HostCluster> implements HostClusterResource {
    ClusterView(ClusterModeView mode, String project, String name) {
      super(mode, CLUSTERS, project, name);
    }

    @Override
    public Operation<HostCluster> update(Consumer<HostClusterSpec.Builder> changes) {
      Objects.requireNonNull(changes, "changes");
      return mode.facade.updateCluster(mode.principal, project, name, changes);
    }

    @Override
    public Operation<HostCluster> scaleNodePool(String pool, int size) {
      Objects.requireNonNull(pool, "pool");
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
  }

  private static final class UsersView extends ListView<User> implements Users {
    UsersView(ClusterModeView mode) {
      super(mode, USERS, "");
    }

    @Override
    public User create(UserSpec spec) {
      Objects.requireNonNull(spec, "spec");
      return tenancy().createUser(principal(), spec);
    }

    @Override
    public NamedResource<User> withName(String name) {
      Objects.requireNonNull(name, "name");
      return deletable(mode, USERS, "", name, () -> tenancy().deleteUser(principal(), name));
    }
  }

  private static final class TeamsView extends ListView<Team> implements Teams {
    TeamsView(ClusterModeView mode) {
      super(mode, TEAMS, "");
    }

    @Override
    public Team create(TeamSpec spec) {
      Objects.requireNonNull(spec, "spec");
      return tenancy().createTeam(principal(), spec);
    }

    @Override
    public TeamResource withName(String name) {
      Objects.requireNonNull(name, "name");
      ClusterModeView m = mode;
      class View extends RecordView<Team> implements TeamResource {
        View(String team) {
          super(m, TEAMS, "", team);
        }

        @Override
        public Team addMember(String user) {
          Objects.requireNonNull(user, "user");
          return mode.tenancy.changeMembers(mode.principal, name, user, true);
        }

        @Override
        public Team removeMember(String user) {
          Objects.requireNonNull(user, "user");
          return mode.tenancy.changeMembers(mode.principal, name, user, false);
        }

        @Override
        public void delete() {
          mode.tenancy.deleteTeam(mode.principal, name);
        }
      }
      return new View(name);
    }
  }

  private static final class RolesView implements Roles {
    private final ClusterModeView mode;

    RolesView(ClusterModeView mode) {
      this.mode = mode;
    }

    @Override
    public List<Role> list() {
      return mode.tenancy.roles(mode.principal);
    }

    @Override
    public Subscription watch(Consumer<RecordEvent<Role>> listener) {
      Objects.requireNonNull(listener, "listener");
      return mode.facade.watch(mode.principal, Action.ROLE_LIST, RecordKind.ROLE, "", null, listener);
    }

    @Override
    public Role create(RoleSpec spec) {
      Objects.requireNonNull(spec, "spec");
      return mode.tenancy.createRole(mode.principal, spec);
    }

    @Override
    public NamedResource<Role> withName(String name) {
      Objects.requireNonNull(name, "name");
      return new NamedResource<>() {
        @Override
        public Optional<Role> get() {
          return mode.tenancy.role(mode.principal, name);
        }

        @Override
        public Role require() {
          return get().orElseThrow(() -> new NotFoundException("Role " + name + " does not exist"));
        }

        @Override
        public Subscription watch(Consumer<RecordEvent<Role>> listener) {
          Objects.requireNonNull(listener, "listener");
          return mode.facade.watch(mode.principal, Action.ROLE_LIST, RecordKind.ROLE, "",
              dev.palette.core.rbac.BuiltInRoles.slug(name), listener);
        }

        @Override
        public void delete() {
          mode.tenancy.deleteRole(mode.principal, name);
        }
      };
    }
  }

  private static final class RoleBindingsView extends ListView<RoleBinding> implements RoleBindings {
    RoleBindingsView(ClusterModeView mode) {
      super(mode, BINDINGS, "");
    }

    @Override
    public RoleBinding create(RoleBindingSpec spec) {
      Objects.requireNonNull(spec, "spec");
      return tenancy().createBinding(principal(), spec);
    }

    @Override
    public NamedResource<RoleBinding> withName(String name) {
      Objects.requireNonNull(name, "name");
      return deletable(mode, BINDINGS, "", name, () -> tenancy().deleteBinding(principal(), name));
    }
  }

  private static final class WorkspacesView extends ListView<Workspace> implements Workspaces {
    WorkspacesView(ClusterModeView mode, String project) {
      super(mode, WORKSPACES, project);
    }

    @Override
    public Workspace create(WorkspaceSpec spec) {
      Objects.requireNonNull(spec, "spec");
      return tenancy().createWorkspace(principal(), project, spec);
    }

    @Override
    public NamedResource<Workspace> withName(String name) {
      Objects.requireNonNull(name, "name");
      return deletable(mode, WORKSPACES, project, name, () -> tenancy().deleteWorkspace(principal(), project, name));
    }
  }

  private record AuditView(ClusterModeView mode) implements AuditLog {
    @Override
    public List<AuditEvent> query(AuditQuery query) {
      Objects.requireNonNull(query, "query");
      return mode.tenancy.auditQuery(mode.principal, query);
    }

    @Override
    public AuditVerification verify() {
      return mode.tenancy.auditVerify(mode.principal);
    }

    @Override
    public void exportCsv(AuditQuery query, Writer out) {
      Objects.requireNonNull(query, "query");
      Objects.requireNonNull(out, "out");
      mode.tenancy.auditExport(mode.principal, query, out, true);
    }

    @Override
    public void exportJsonLines(AuditQuery query, Writer out) {
      Objects.requireNonNull(query, "query");
      Objects.requireNonNull(out, "out");
      mode.tenancy.auditExport(mode.principal, query, out, false);
    }

    @Override
    public Subscription watch(Consumer<AuditEvent> listener) {
      Objects.requireNonNull(listener, "listener");
      return mode.tenancy.auditWatch(mode.principal, listener);
    }
  }
}

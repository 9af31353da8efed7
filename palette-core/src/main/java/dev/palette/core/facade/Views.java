package dev.palette.core.facade;

import dev.palette.AppMode;
import dev.palette.ClusterMode;
import dev.palette.Operation;
import dev.palette.Principal;
import dev.palette.Subscription;
import dev.palette.core.record.RecordKind;
import dev.palette.dsl.CloudAccountResource;
import dev.palette.dsl.CloudAccounts;
import dev.palette.dsl.ClusterProfileResource;
import dev.palette.dsl.ClusterProfiles;
import dev.palette.dsl.Gettable;
import dev.palette.dsl.HostClusterOperations;
import dev.palette.dsl.HostClusterResource;
import dev.palette.dsl.HostClusters;
import dev.palette.dsl.Listable;
import dev.palette.dsl.ProjectOperations;
import dev.palette.dsl.ProjectResource;
import dev.palette.dsl.Scoped;
import dev.palette.event.RecordEvent;
import dev.palette.model.CloudAccount;
import dev.palette.model.CloudAccountSpec;
import dev.palette.model.ClusterProfile;
import dev.palette.model.ClusterProfileSpec;
import dev.palette.model.HostCluster;
import dev.palette.model.HostClusterSpec;
import dev.palette.model.Kubeconfig;
import dev.palette.model.Project;
import dev.palette.model.ProjectSpec;
import dev.palette.model.Resource;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** The DSL of both modes, as thin adapters from the public interfaces onto the {@link Facade}. */
public final class Views {
  private Views() {}

  /** Cluster Mode and App Mode for one principal. */
  public static ClusterMode clusterMode(Facade facade, Principal principal) {
    return new ClusterModeView(facade, principal);
  }

  public static AppMode appMode(Facade facade, Principal principal) {
    return new ClusterModeView(facade, principal).appMode();
  }

  private record ClusterModeView(Facade facade, Principal principal) implements ClusterMode {
    @Override
    public ProjectOperations projects() {
      return new ProjectsView(facade, principal);
    }

    @Override
    public Scoped<CloudAccounts> cloudAccounts() {
      return scoped(project -> new CloudAccountsView(facade, principal, project));
    }

    @Override
    public Scoped<ClusterProfiles> clusterProfiles() {
      return scoped(project -> new ClusterProfilesView(facade, principal, project));
    }

    @Override
    public HostClusterOperations clusters() {
      return new HostClusterOperations() {
        @Override
        public HostClusters inProject(String project) {
          return new HostClustersView(facade, principal, requireProjectName(project));
        }

        @Override
        public List<HostCluster> list() {
          return facade.list(RecordKind.HOST_CLUSTER, null);
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

  private static <T> Scoped<T> scoped(java.util.function.Function<String, T> inScope) {
    return new Scoped<>() {
      @Override
      public T inProject(String project) {
        return inScope.apply(requireProjectName(project));
      }

      @Override
      public T inTenant() {
        return inScope.apply("");
      }
    };
  }

  private static String requireProjectName(String project) {
    if (project == null || project.isEmpty()) {
      throw new IllegalArgumentException("project name must not be empty; use inTenant() for tenant scope");
    }
    return project;
  }

  /** List and watch over one kind in one scope. */
  private abstract static class ListView<R extends Resource<?>> implements Listable<R> {
    final Facade facade;
    final Principal principal;
    final RecordKind<R> kind;
    final String project;

    ListView(Facade facade, Principal principal, RecordKind<R> kind, String project) {
      this.facade = facade;
      this.principal = principal;
      this.kind = kind;
      this.project = project;
    }

    @Override
    public List<R> list() {
      return facade.list(kind, project);
    }

    @Override
    public Subscription watch(Consumer<RecordEvent<R>> listener) {
      return facade.watch(kind, project, null, listener);
    }
  }

  /** Get and watch of one record by its stored name. */
  private abstract static class RecordView<R extends Resource<?>> implements Gettable<R> {
    final Facade facade;
    final Principal principal;
    final RecordKind<R> kind;
    final String project;
    final String name;

    RecordView(Facade facade, Principal principal, RecordKind<R> kind, String project, String name) {
      this.facade = facade;
      this.principal = principal;
      this.kind = kind;
      this.project = project;
      this.name = name;
    }

    @Override
    public Optional<R> get() {
      return facade.get(kind, project, name);
    }

    @Override
    public R require() {
      return facade.require(kind, project, name);
    }

    @Override
    public Subscription watch(Consumer<RecordEvent<R>> listener) {
      return facade.watch(kind, project, name, listener);
    }
  }

  private static final class ProjectsView extends ListView<Project> implements ProjectOperations {
    ProjectsView(Facade facade, Principal principal) {
      super(facade, principal, RecordKind.PROJECT, "");
    }

    @Override
    public Project create(ProjectSpec spec) {
      return facade.createProject(principal, spec);
    }

    @Override
    public ProjectResource withName(String name) {
      class View extends RecordView<Project> implements ProjectResource {
        View(String name) {
          super(ProjectsView.this.facade, ProjectsView.this.principal, RecordKind.PROJECT, "", name);
        }

        @Override
        public void delete() {
          facade.deleteProject(name);
        }
      }
      return new View(name);
    }
  }

  private static final class CloudAccountsView extends ListView<CloudAccount> implements CloudAccounts {
    CloudAccountsView(Facade facade, Principal principal, String project) {
      super(facade, principal, RecordKind.CLOUD_ACCOUNT, project);
    }

    @Override
    public CloudAccount create(CloudAccountSpec spec) {
      return facade.createCloudAccount(principal, project, spec);
    }

    @Override
    public CloudAccountResource withName(String name) {
      class View extends RecordView<CloudAccount> implements CloudAccountResource {
        View(String name) {
          super(CloudAccountsView.this.facade, CloudAccountsView.this.principal, RecordKind.CLOUD_ACCOUNT,
              CloudAccountsView.this.project, name);
        }

        @Override
        public void delete() {
          facade.deleteCloudAccount(project, name);
        }
      }
      return new View(name);
    }
  }

  private static final class ClusterProfilesView extends ListView<ClusterProfile> implements ClusterProfiles {
    ClusterProfilesView(Facade facade, Principal principal, String project) {
      super(facade, principal, RecordKind.CLUSTER_PROFILE, project);
    }

    @Override
    public ClusterProfile create(ClusterProfileSpec spec) {
      return facade.createClusterProfile(principal, project, spec);
    }

    @Override
    public ClusterProfileResource withName(String name, String version) {
      class View extends RecordView<ClusterProfile> implements ClusterProfileResource {
        private final String profile;
        private final String version;

        View(String profile, String version) {
          super(ClusterProfilesView.this.facade, ClusterProfilesView.this.principal, RecordKind.CLUSTER_PROFILE,
              ClusterProfilesView.this.project, Facade.profileKey(profile, version));
          this.profile = profile;
          this.version = version;
        }

        @Override
        public void delete() {
          facade.deleteClusterProfile(project, profile, version);
        }
      }
      return new View(name, version);
    }
  }

  private static final class HostClustersView extends ListView<HostCluster> implements HostClusters {
    HostClustersView(Facade facade, Principal principal, String project) {
      super(facade, principal, RecordKind.HOST_CLUSTER, project);
    }

    @Override
    public Operation<HostCluster> create(HostClusterSpec spec) {
      return facade.createCluster(principal, project, spec);
    }

    @Override
    public HostClusterResource withName(String name) {
      class View extends RecordView<HostCluster> implements HostClusterResource {
        View(String name) {
          super(HostClustersView.this.facade, HostClustersView.this.principal, RecordKind.HOST_CLUSTER,
              HostClustersView.this.project, name);
        }

        @Override
        public Operation<HostCluster> update(Consumer<HostClusterSpec.Builder> changes) {
          return facade.updateCluster(principal, project, name, changes);
        }

        @Override
        public Operation<HostCluster> scaleNodePool(String pool, int size) {
          return facade.scaleNodePool(principal, project, name, pool, size);
        }

        @Override
        public Operation<Void> delete() {
          return facade.deleteCluster(principal, project, name);
        }

        @Override
        public Operation<HostCluster> untilReady() {
          return facade.untilReady(project, name);
        }

        @Override
        public Kubeconfig kubeconfig() {
          return facade.kubeconfig(project, name);
        }
      }
      return new View(name);
    }
  }
}

package dev.palette.core;

import dev.palette.AppMode;
import dev.palette.ClusterMode;
import dev.palette.Principal;
import dev.palette.core.cloudaccount.CloudAccountKind;
import dev.palette.core.frontdoor.Engine;
import dev.palette.core.frontdoor.Views;
import dev.palette.core.hostcluster.HostClusterKind;
import dev.palette.core.hostcluster.HostClusterOperations;
import dev.palette.core.hostcluster.HostClusterViews;
import dev.palette.core.kind.KindDescriptor;
import dev.palette.core.profile.ClusterProfileKind;
import dev.palette.core.profile.ClusterProfileViews;
import dev.palette.core.project.ProjectKind;
import dev.palette.core.tenancy.TenancyViews;
import dev.palette.core.tenancy.UserKind;
import dev.palette.core.tenancy.WorkspaceKind;
import dev.palette.dsl.AuditLog;
import dev.palette.dsl.ClusterProfiles;
import dev.palette.dsl.Costs;
import dev.palette.dsl.HostClusters;
import dev.palette.dsl.KindRef;
import dev.palette.dsl.ProjectScoped;
import dev.palette.dsl.Resources;
import dev.palette.dsl.RoleBindings;
import dev.palette.dsl.Scoped;
import dev.palette.dsl.Teams;
import dev.palette.dsl.Tenant;
import dev.palette.model.CloudAccount;
import dev.palette.model.CloudAccountSpec;
import dev.palette.model.ClusterProfile;
import dev.palette.model.HostCluster;
import dev.palette.model.Project;
import dev.palette.model.ProjectSpec;
import dev.palette.model.Resource;
import dev.palette.model.Role;
import dev.palette.model.RoleSpec;
import dev.palette.model.User;
import dev.palette.model.UserSpec;
import dev.palette.model.Workspace;
import dev.palette.model.WorkspaceSpec;

/** Cluster Mode for one principal: each kind's collections, the generic ones unless a kind differs. */
final class ClusterModeView implements ClusterMode {
  private final Engine engine;
  private final HostClusterOperations clusters;
  private final Views.Caller caller;

  ClusterModeView(Engine engine, HostClusterOperations clusters, Principal principal) {
    this.engine = engine;
    this.clusters = clusters;
    this.caller = new Views.Caller(engine.door(), principal);
  }

  @Override
  public Resources<Project, ProjectSpec, ProjectSpec.Builder> projects() {
    return new Views.Collection<>(caller, ProjectKind.DESCRIPTOR, "");
  }

  @Override
  public Scoped<Resources<CloudAccount, CloudAccountSpec, CloudAccountSpec.Builder>, CloudAccount> cloudAccounts() {
    return Views.scoped(caller, CloudAccountKind.DESCRIPTOR);
  }

  @Override
  public Scoped<ClusterProfiles, ClusterProfile> clusterProfiles() {
    return Views.scoped(caller, ClusterProfileKind.DESCRIPTOR, project -> ClusterProfileViews.inScope(caller, project));
  }

  @Override
  public ProjectScoped<HostClusters, HostCluster> clusters() {
    return Views.projectScoped(caller, HostClusterKind.DESCRIPTOR,
        project -> HostClusterViews.inProject(caller, clusters, project));
  }

  @Override
  public Resources<User, UserSpec, UserSpec.Builder> users() {
    return new Views.Collection<>(caller, UserKind.DESCRIPTOR, "");
  }

  @Override
  public Teams teams() {
    return TenancyViews.teams(caller);
  }

  @Override
  public Resources<Role, RoleSpec, RoleSpec.Builder> roles() {
    return TenancyViews.roles(caller);
  }

  @Override
  public RoleBindings roleBindings() {
    return TenancyViews.roleBindings(caller);
  }

  @Override
  public ProjectScoped<Resources<Workspace, WorkspaceSpec, WorkspaceSpec.Builder>, Workspace> workspaces() {
    return Views.projectScoped(caller, WorkspaceKind.DESCRIPTOR,
        project -> new Views.Collection<>(caller, WorkspaceKind.DESCRIPTOR, project));
  }

  @Override
  public <R, S, B> Scoped<Resources<R, S, B>, R> kind(KindRef<R, S, B> kind) {
    return scopedOf(engine.door().kinds().require(kind.name()));
  }

  // The registry hands out the descriptor registered under the reference's name, with its types.
  @SuppressWarnings("unchecked")
  private <R, S, B> Scoped<Resources<R, S, B>, R> scopedOf(KindDescriptor<?, ?, ?> kind) {
    return (Scoped<Resources<R, S, B>, R>) (Scoped<?, ?>) genericScoped((KindDescriptor<Resource<Object>, Object,
        Object>) kind);
  }

  private <R extends Resource<S>, S, B> Scoped<Resources<R, S, B>, R> genericScoped(KindDescriptor<R, S, B> kind) {
    return Views.scoped(caller, kind);
  }

  @Override
  public AuditLog audit() {
    return engine.governance().audit(caller.principal());
  }

  @Override
  public Costs costs() {
    return engine.governance().costs(caller.principal());
  }

  @Override
  public Tenant tenant() {
    return engine.governance().tenant(caller.principal());
  }

  @Override
  public Principal principal() {
    return caller.principal();
  }

  @Override
  public AppMode appMode() {
    ClusterMode self = this;
    return new AppMode() {
      @Override
      public Principal principal() {
        return caller.principal();
      }

      @Override
      public ClusterMode clusterMode() {
        return self;
      }
    };
  }
}

package dev.palette;

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
import dev.palette.model.Role;
import dev.palette.model.RoleSpec;
import dev.palette.model.User;
import dev.palette.model.UserSpec;
import dev.palette.model.Workspace;
import dev.palette.model.WorkspaceSpec;

/**
 * Cluster Mode: projects, cloud accounts, cluster profiles and host clusters, and the tenancy
 * around them (users, teams, roles, workspaces, audit, cost), for platform engineers. A view over
 * the same engine and state as {@link AppMode}. Every call is authorized for {@link #principal()}
 * and every change is audited.
 *
 * <p>Every kind has the same collection shape: a scope ({@code inProject(..)}, {@code inTenant()}
 * where the kind may live at tenant scope, {@code inAnyScope()} to list across scopes; tenant
 * kinds such as users need none), then {@code list()}, {@code watch(..)}, {@code withLabel(..)},
 * {@code create(..)} and {@code withName(..)} for {@code get()}, {@code update(..)} and
 * {@code delete()} ({@link Resources}). Any kind the engine manages, built-in or added, is reached
 * the same way through {@link #kind(KindRef)}.
 */
public interface ClusterMode {
  /** Projects of the tenant: {@code projects().create(p -> p.name("ml-modeling"))}. */
  Resources<Project, ProjectSpec, ProjectSpec.Builder> projects();

  /**
   * Cloud accounts. What comes back has its credentials redacted ({@link CloudAccountSpec#REDACTED});
   * an account's {@code update} is how credentials are rotated
   * ({@code withName("aws").update(a -> a.putCredential("secretAccessKey", next))}): the builder
   * starts from the account as stored, its credentials redacted; a credential left so keeps its
   * value, one given a new value takes it, one removed from the map is dropped. Name and cloud type
   * cannot change. The front door checks only what needs no cloud; whether the cloud accepts the
   * credentials shows in the account's status.
   */
  Scoped<Resources<CloudAccount, CloudAccountSpec, CloudAccountSpec.Builder>, CloudAccount> cloudAccounts();

  Scoped<ClusterProfiles, ClusterProfile> clusterProfiles();

  /** Host clusters, which live in projects only. */
  ProjectScoped<HostClusters, HostCluster> clusters();

  Resources<User, UserSpec, UserSpec.Builder> users();

  Teams teams();

  /**
   * The built-in roles and the tenant's custom roles. A role is named by its name, for example
   * {@code Cluster Viewer}; built-in roles can be read but neither updated nor deleted.
   */
  Resources<Role, RoleSpec, RoleSpec.Builder> roles();

  RoleBindings roleBindings();

  /**
   * Workspaces, which live in projects only. A create is refused when a cluster is not in the
   * project or the namespace allocations together exceed the workspace quota.
   */
  ProjectScoped<Resources<Workspace, WorkspaceSpec, WorkspaceSpec.Builder>, Workspace> workspaces();

  /**
   * The collections of any kind the engine manages, by its reference: what every kind gets from
   * its descriptor alone. For a kind that lives only in projects, {@code inTenant()} is refused;
   * for one that lives only at tenant scope, {@code inProject(..)} is.
   *
   * @throws IllegalArgumentException when this engine does not manage the kind
   */
  <R, S, B> Scoped<Resources<R, S, B>, R> kind(KindRef<R, S, B> kind);

  AuditLog audit();

  Costs costs();

  Tenant tenant();

  /** The principal calls through this view run as. */
  Principal principal();

  /** The App Mode view of the same state. */
  AppMode appMode();
}

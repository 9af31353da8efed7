package dev.palette;

import dev.palette.dsl.AuditLog;
import dev.palette.dsl.CloudAccounts;
import dev.palette.dsl.ClusterProfiles;
import dev.palette.dsl.Costs;
import dev.palette.dsl.HostClusters;
import dev.palette.dsl.ProjectOperations;
import dev.palette.dsl.ProjectScoped;
import dev.palette.dsl.RoleBindings;
import dev.palette.dsl.Roles;
import dev.palette.dsl.Scoped;
import dev.palette.dsl.Teams;
import dev.palette.dsl.Tenant;
import dev.palette.dsl.Users;
import dev.palette.dsl.Workspaces;
import dev.palette.model.CloudAccount;
import dev.palette.model.ClusterProfile;
import dev.palette.model.HostCluster;
import dev.palette.model.Workspace;

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
 * {@code delete()}.
 */
public interface ClusterMode {
  ProjectOperations projects();

  Scoped<CloudAccounts, CloudAccount> cloudAccounts();

  Scoped<ClusterProfiles, ClusterProfile> clusterProfiles();

  /** Host clusters, which live in projects only. */
  ProjectScoped<HostClusters, HostCluster> clusters();

  Users users();

  Teams teams();

  Roles roles();

  RoleBindings roleBindings();

  ProjectScoped<Workspaces, Workspace> workspaces();

  AuditLog audit();

  Costs costs();

  Tenant tenant();

  /** The principal calls through this view run as. */
  Principal principal();

  /** The App Mode view of the same state. */
  AppMode appMode();
}

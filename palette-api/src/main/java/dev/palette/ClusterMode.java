package dev.palette;

import dev.palette.dsl.AuditLog;
import dev.palette.dsl.CloudAccounts;
import dev.palette.dsl.ClusterProfiles;
import dev.palette.dsl.Costs;
import dev.palette.dsl.HostClusterOperations;
import dev.palette.dsl.ProjectOperations;
import dev.palette.dsl.ProjectScoped;
import dev.palette.dsl.RoleBindings;
import dev.palette.dsl.Roles;
import dev.palette.dsl.Scoped;
import dev.palette.dsl.Teams;
import dev.palette.dsl.Tenant;
import dev.palette.dsl.Users;
import dev.palette.dsl.Workspaces;

/**
 * Cluster Mode: projects, cloud accounts, cluster profiles and host clusters, and the tenancy
 * around them (users, teams, roles, workspaces, audit, cost), for platform engineers. A view over
 * the same engine and state as {@link AppMode}. Every call is authorized for {@link #principal()}
 * and every change is audited.
 */
public interface ClusterMode {
  ProjectOperations projects();

  Scoped<CloudAccounts> cloudAccounts();

  Scoped<ClusterProfiles> clusterProfiles();

  HostClusterOperations clusters();

  Users users();

  Teams teams();

  Roles roles();

  RoleBindings roleBindings();

  ProjectScoped<Workspaces> workspaces();

  AuditLog audit();

  Costs costs();

  Tenant tenant();

  /** The principal calls through this view run as. */
  Principal principal();

  /** The App Mode view of the same state. */
  AppMode appMode();
}

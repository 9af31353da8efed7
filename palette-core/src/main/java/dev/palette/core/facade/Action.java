package dev.palette.core.facade;

import dev.palette.model.AuditAction;
import dev.palette.model.CloudAccount;
import dev.palette.model.ClusterProfile;
import dev.palette.model.HostCluster;
import dev.palette.model.Project;
import dev.palette.model.Role;
import dev.palette.model.RoleBinding;
import dev.palette.model.Team;
import dev.palette.model.User;
import dev.palette.model.Workspace;

/**
 * The authorization table: every public operation of the facade, the permission it needs and how
 * it is audited. Reads ({@code audit == null}) are checked but not audited unless denied.
 *
 * <p>To add an operation: add a constant here with its permission (the vocabulary is in
 * {@code dev.palette.core.rbac.Permissions}), call {@code guard.check(caller, Action.X, ...)} first
 * thing in the facade method, make the write through {@code guard.create/update/delete/write(...)}
 * (which stamps the record with its audit event and appends it; {@code guard.done(...)} only for
 * settings that are not records of a stamped kind), and add its row, one line, to
 * {@code AuthorizationMatrixTest.ROWS}. Nothing else decides who may do what.
 */
public enum Action {
  PROJECT_CREATE("project.create", AuditAction.CREATE, Project.KIND),
  PROJECT_UPDATE("project.update", AuditAction.UPDATE, Project.KIND),
  PROJECT_DELETE("project.delete", AuditAction.DELETE, Project.KIND),
  PROJECT_GET("project.get", null, Project.KIND),
  PROJECT_LIST("project.list", null, Project.KIND),
  CLOUD_ACCOUNT_CREATE("cloudAccount.create", AuditAction.CREATE, CloudAccount.KIND),
  CLOUD_ACCOUNT_UPDATE("cloudAccount.update", AuditAction.UPDATE, CloudAccount.KIND),
  CLOUD_ACCOUNT_DELETE("cloudAccount.delete", AuditAction.DELETE, CloudAccount.KIND),
  CLOUD_ACCOUNT_GET("cloudAccount.get", null, CloudAccount.KIND),
  CLOUD_ACCOUNT_LIST("cloudAccount.list", null, CloudAccount.KIND),
  CLUSTER_PROFILE_CREATE("clusterProfile.create", AuditAction.CREATE, ClusterProfile.KIND),
  CLUSTER_PROFILE_DELETE("clusterProfile.delete", AuditAction.DELETE, ClusterProfile.KIND),
  CLUSTER_PROFILE_GET("clusterProfile.get", null, ClusterProfile.KIND),
  CLUSTER_PROFILE_LIST("clusterProfile.list", null, ClusterProfile.KIND),
  CLUSTER_CREATE("cluster.create", AuditAction.CREATE, HostCluster.KIND),
  CLUSTER_UPDATE("cluster.update", AuditAction.UPDATE, HostCluster.KIND),
  CLUSTER_DELETE("cluster.delete", AuditAction.DELETE, HostCluster.KIND),
  CLUSTER_KUBECONFIG("cluster.kubeconfig", null, HostCluster.KIND),
  CLUSTER_GET("cluster.get", null, HostCluster.KIND),
  CLUSTER_LIST("cluster.list", null, HostCluster.KIND),
  USER_CREATE("user.create", AuditAction.CREATE, User.KIND),
  USER_UPDATE("user.update", AuditAction.UPDATE, User.KIND),
  USER_DELETE("user.delete", AuditAction.DELETE, User.KIND),
  USER_GET("user.get", null, User.KIND),
  USER_LIST("user.list", null, User.KIND),
  TEAM_CREATE("team.create", AuditAction.CREATE, Team.KIND),
  TEAM_UPDATE("team.update", AuditAction.UPDATE, Team.KIND),
  TEAM_DELETE("team.delete", AuditAction.DELETE, Team.KIND),
  TEAM_GET("team.get", null, Team.KIND),
  TEAM_LIST("team.list", null, Team.KIND),
  ROLE_CREATE("role.create", AuditAction.CREATE, Role.KIND),
  ROLE_UPDATE("role.update", AuditAction.UPDATE, Role.KIND),
  ROLE_DELETE("role.delete", AuditAction.DELETE, Role.KIND),
  ROLE_GET("role.get", null, Role.KIND),
  ROLE_LIST("role.list", null, Role.KIND),
  ROLE_BINDING_CREATE("roleBinding.create", AuditAction.CREATE, RoleBinding.KIND),
  ROLE_BINDING_DELETE("roleBinding.delete", AuditAction.DELETE, RoleBinding.KIND),
  ROLE_BINDING_GET("roleBinding.get", null, RoleBinding.KIND),
  ROLE_BINDING_LIST("roleBinding.list", null, RoleBinding.KIND),
  WORKSPACE_CREATE("workspace.create", AuditAction.CREATE, Workspace.KIND),
  WORKSPACE_UPDATE("workspace.update", AuditAction.UPDATE, Workspace.KIND),
  WORKSPACE_DELETE("workspace.delete", AuditAction.DELETE, Workspace.KIND),
  WORKSPACE_GET("workspace.get", null, Workspace.KIND),
  WORKSPACE_LIST("workspace.list", null, Workspace.KIND),
  AUDIT_LIST("audit.list", null, "AuditEvent"),
  COST_GET("cost.get", null, "CostReport"),
  RATE_CARD_UPDATE("cost.update", AuditAction.UPDATE, "RateCard"),
  TENANT_LIMITS_UPDATE("tenant.update", AuditAction.UPDATE, "TenantLimits");

  private final String permission;
  private final AuditAction audit;
  private final String kind;

  Action(String permission, AuditAction audit, String kind) {
    this.permission = permission;
    this.audit = audit;
    this.kind = kind;
  }

  public String permission() {
    return permission;
  }

  /** How a success is audited; {@code null} for reads. */
  public AuditAction audit() {
    return audit;
  }

  public String kind() {
    return kind;
  }

  public boolean mutates() {
    return audit != null;
  }
}

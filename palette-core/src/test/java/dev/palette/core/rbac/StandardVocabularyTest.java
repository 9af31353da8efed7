package dev.palette.core.rbac;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palette.model.RoleSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The vocabulary handed in as rows gives exactly the permissions and built-in roles the engine had
 * when they were hard-coded: the expectations below were printed from that code.
 */
class StandardVocabularyTest {
  private static final Permissions PERMISSIONS = new Permissions(StandardResources.all());

  @Test
  void theStandardRowsGiveTheSamePermissionStrings() {
    List<String> exact = new ArrayList<>();
    for (String resource : PERMISSIONS.resources()) {
      for (String op : PERMISSIONS.operationsOf(resource)) {
        exact.add(Permissions.of(resource, op));
      }
    }

    assertThat(exact).containsExactly(
      "project.create", "project.get", "project.list", "project.update", "project.delete",
      "cloudAccount.create", "cloudAccount.get", "cloudAccount.list", "cloudAccount.update", "cloudAccount.delete",
      "clusterProfile.create", "clusterProfile.get", "clusterProfile.list", "clusterProfile.update", "clusterProfile.delete",
      "clusterProfile.publish", "cluster.create", "cluster.get", "cluster.list", "cluster.update",
      "cluster.delete", "cluster.kubeconfig", "clusterGroup.create", "clusterGroup.get", "clusterGroup.list",
      "clusterGroup.update", "clusterGroup.delete", "virtualCluster.create", "virtualCluster.get", "virtualCluster.list",
      "virtualCluster.update", "virtualCluster.delete", "virtualCluster.pause", "virtualCluster.resume", "appProfile.create",
      "appProfile.get", "appProfile.list", "appProfile.update", "appProfile.delete", "appProfile.publish",
      "appDeployment.create", "appDeployment.get", "appDeployment.list", "appDeployment.update", "appDeployment.delete",
      "appDeployment.deploy", "workspace.create", "workspace.get", "workspace.list", "workspace.update",
      "workspace.delete", "user.create", "user.get", "user.list", "user.update",
      "user.delete", "team.create", "team.get", "team.list", "team.update",
      "team.delete", "role.create", "role.get", "role.list", "role.update",
      "role.delete", "roleBinding.create", "roleBinding.get", "roleBinding.list", "roleBinding.update",
      "roleBinding.delete", "audit.create", "audit.get", "audit.list", "audit.update",
      "audit.delete", "cost.create", "cost.get", "cost.list", "cost.update",
      "cost.delete", "tenant.create", "tenant.get", "tenant.list", "tenant.update",
      "tenant.delete");
    assertThat(PERMISSIONS.vocabulary()).isEqualTo(
        "use resource.operation or a wildcard (*, resource.*, *.operation) with resources [project," +
        " cloudAccount, clusterProfile, cluster, clusterGroup, virtualCluster, appProfile, appDeplo" +
        "yment, workspace, user, team, role, roleBinding, audit, cost, tenant], operations [create," +
        " get, list, update, delete] and the special operations [clusterProfile.publish, cluster.ku" +
        "beconfig, virtualCluster.pause, virtualCluster.resume, appProfile.publish, appDeployment.d" +
        "eploy]");
  }

  @Test
  void theStandardRowsGiveTheSameBuiltInRoles() {
    List<String> roles = new BuiltInRoles(PERMISSIONS).specs().stream().map(StandardVocabularyTest::line).toList();

    // Name | scope | permissions, sorted | description.
    assertThat(roles).containsExactlyInAnyOrder(
      "App Deployment Admin | PROJECT | appDeployment.* | Every operation on app deployments in the project.",
      "App Deployment Editor | PROJECT | appDeployment.create,appDeployment.deploy,appDeployment.get,appDeployment.list,appDeployment.update | Creates, changes and uses app deployments in the project, but does not delete them.",
      "App Deployment Viewer | PROJECT | appDeployment.get,appDeployment.list | Reads app deployments in the project.",
      "App Profile Admin | PROJECT | appProfile.* | Every operation on app profiles in the project.",
      "App Profile Editor | PROJECT | appProfile.create,appProfile.get,appProfile.list,appProfile.publish,appProfile.update | Creates, changes and uses app profiles in the project, but does not delete them.",
      "App Profile Viewer | PROJECT | appProfile.get,appProfile.list | Reads app profiles in the project.",
      "Cloud Account Admin | PROJECT | cloudAccount.* | Every operation on cloud accounts in the project.",
      "Cloud Account Editor | PROJECT | cloudAccount.create,cloudAccount.get,cloudAccount.list,cloudAccount.update | Creates, changes and uses cloud accounts in the project, but does not delete them.",
      "Cloud Account Viewer | PROJECT | cloudAccount.get,cloudAccount.list | Reads cloud accounts in the project.",
      "Cluster Admin | PROJECT | cluster.* | Every operation on clusters in the project.",
      "Cluster Editor | PROJECT | cluster.create,cluster.get,cluster.kubeconfig,cluster.list,cluster.update | Creates, changes and uses clusters in the project, but does not delete them.",
      "Cluster Viewer | PROJECT | cluster.get,cluster.list | Reads clusters in the project.",
      "Cluster Profile Admin | PROJECT | clusterProfile.* | Every operation on cluster profiles in the project.",
      "Cluster Profile Editor | PROJECT | clusterProfile.create,clusterProfile.get,clusterProfile.list,clusterProfile.publish,clusterProfile.update | Creates, changes and uses cluster profiles in the project, but does not delete them.",
      "Cluster Profile Viewer | PROJECT | clusterProfile.get,clusterProfile.list | Reads cluster profiles in the project.",
      "Cluster Group Admin | PROJECT | clusterGroup.* | Every operation on cluster groups in the project.",
      "Cluster Group Editor | PROJECT | clusterGroup.create,clusterGroup.get,clusterGroup.list,clusterGroup.update | Creates, changes and uses cluster groups in the project, but does not delete them.",
      "Cluster Group Viewer | PROJECT | clusterGroup.get,clusterGroup.list | Reads cluster groups in the project.",
      "Virtual Cluster Admin | PROJECT | virtualCluster.* | Every operation on virtual clusters in the project.",
      "Virtual Cluster Editor | PROJECT | virtualCluster.create,virtualCluster.get,virtualCluster.list,virtualCluster.pause,virtualCluster.resume,virtualCluster.update | Creates, changes and uses virtual clusters in the project, but does not delete them.",
      "Virtual Cluster Viewer | PROJECT | virtualCluster.get,virtualCluster.list | Reads virtual clusters in the project.",
      "Project Admin | PROJECT | * | Everything inside the project.",
      "Project Editor | PROJECT | appDeployment.create,appDeployment.deploy,appDeployment.get,appDeployment.list,appDeployment.update,appProfile.create,appProfile.get,appProfile.list,appProfile.publish,appProfile.update,audit.list,cloudAccount.create,cloudAccount.get,cloudAccount.list,cloudAccount.update,cluster.create,cluster.get,cluster.kubeconfig,cluster.list,cluster.update,clusterGroup.create,clusterGroup.get,clusterGroup.list,clusterGroup.update,clusterProfile.create,clusterProfile.get,clusterProfile.list,clusterProfile.publish,clusterProfile.update,cost.get,project.get,project.list,project.update,virtualCluster.create,virtualCluster.get,virtualCluster.list,virtualCluster.pause,virtualCluster.resume,virtualCluster.update,workspace.create,workspace.get,workspace.list,workspace.update | Creates, changes and uses everything inside the project, but deletes nothing.",
      "Project Viewer | PROJECT | appDeployment.get,appDeployment.list,appProfile.get,appProfile.list,audit.list,cloudAccount.get,cloudAccount.list,cluster.get,cluster.list,clusterGroup.get,clusterGroup.list,clusterProfile.get,clusterProfile.list,cost.get,project.get,project.list,virtualCluster.get,virtualCluster.list,workspace.get,workspace.list | Reads everything inside the project, its audit log and cost.",
      "Workspace Admin | PROJECT | workspace.* | Every operation on workspaces in the project.",
      "Workspace Operator | PROJECT | workspace.get,workspace.list,workspace.update | Reads workspaces in the project and changes their settings.",
      "Tenant Admin | TENANT | * | Everything in the tenant and in every project.",
      "Tenant Viewer | TENANT | *.get,*.list,audit.list,cost.get | Reads everything in the tenant and in every project.",
      "Tenant Cluster Group Admin | TENANT | clusterGroup.* | Every operation on cluster groups in the tenant.",
      "Tenant Cluster Group Editor | TENANT | clusterGroup.create,clusterGroup.get,clusterGroup.list,clusterGroup.update | Creates and changes cluster groups in the tenant, but does not delete them.",
      "Tenant Cluster Group Viewer | TENANT | clusterGroup.get,clusterGroup.list | Reads cluster groups in the tenant.",
      "Tenant Cluster Profile Admin | TENANT | clusterProfile.* | Every operation on cluster profiles in the tenant.",
      "Tenant Project Admin | TENANT | project.* | Creates, changes and deletes projects.",
      "Tenant Role Admin | TENANT | role.*,roleBinding.* | Manages custom roles and who holds which role.",
      "Tenant Team Admin | TENANT | team.* | Manages teams and their members.",
      "Tenant User Admin | TENANT | user.* | Manages the tenant's users.");
  }

  private static String line(RoleSpec s) {
    return s.name() + " | " + s.scope() + " | " + String.join(",", new TreeSet<>(s.permissions())) + " | "
        + s.description();
  }
}

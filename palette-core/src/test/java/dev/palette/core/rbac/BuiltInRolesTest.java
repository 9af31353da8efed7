package dev.palette.core.rbac;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palette.model.Role;
import dev.palette.model.RoleScope;
import dev.palette.model.RoleSpec;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class BuiltInRolesTest {
  @Test
  void everyReferenceRoleExistsWithItsScope() {
    for (String resource : new String[] {"App Deployment", "App Profile", "Cloud Account", "Cluster",
        "Cluster Profile", "Project", "Cluster Group", "Virtual Cluster"}) {
      for (String level : new String[] {"Admin", "Editor", "Viewer"}) {
        assertThat(BuiltInRoles.find(resource + " " + level)).get()
            .extracting(RoleSpec::scope).isEqualTo(RoleScope.PROJECT);
      }
    }
    for (String name : new String[] {"Workspace Admin", "Workspace Operator"}) {
      assertThat(BuiltInRoles.find(name).orElseThrow().scope()).isEqualTo(RoleScope.PROJECT);
    }
    for (String name : new String[] {"Tenant Admin", "Tenant Viewer", "Tenant Cluster Group Admin",
        "Tenant Cluster Group Editor", "Tenant Cluster Group Viewer", "Tenant Cluster Profile Admin",
        "Tenant Project Admin", "Tenant Role Admin", "Tenant Team Admin", "Tenant User Admin"}) {
      assertThat(BuiltInRoles.find(name).orElseThrow().scope()).isEqualTo(RoleScope.TENANT);
    }
    assertThat(BuiltInRoles.all()).hasSize(36);
  }

  @Test
  void everyRoleHasADescriptionAndOnlyKnownPermissions() {
    assertThat(BuiltInRoles.specs()).allSatisfy(spec -> {
      assertThat(spec.description()).isNotBlank();
      assertThat(Permissions.violations("permissions", spec.permissions())).isEmpty();
    });
  }

  @Test
  void editorsCreateChangeAndUseButDoNotDelete() {
    assertThat(BuiltInRoles.find("Cluster Editor").orElseThrow().permissions())
        .containsExactlyInAnyOrder("cluster.get", "cluster.list", "cluster.create", "cluster.update",
            "cluster.kubeconfig");
    assertThat(BuiltInRoles.find("Virtual Cluster Editor").orElseThrow().permissions())
        .contains("virtualCluster.pause", "virtualCluster.resume").doesNotContain("virtualCluster.delete");
    assertThat(BuiltInRoles.find("App Profile Editor").orElseThrow().permissions())
        .contains("appProfile.publish");
    assertThat(BuiltInRoles.find("Project Editor").orElseThrow().permissions())
        .contains("cluster.create", "appDeployment.deploy", "workspace.create", "audit.list", "cost.get")
        .noneMatch(p -> p.endsWith(".delete"));
    assertThat(BuiltInRoles.find("Project Viewer").orElseThrow().permissions())
        .contains("cluster.get", "virtualCluster.list", "workspace.list", "audit.list", "cost.get")
        .allMatch(p -> p.endsWith(".get") || p.endsWith(".list"));
    assertThat(BuiltInRoles.find("Cluster Admin").orElseThrow().permissions())
        .containsExactly("cluster.*");
    assertThat(BuiltInRoles.find("Workspace Operator").orElseThrow().permissions())
        .containsExactlyInAnyOrder("workspace.get", "workspace.list", "workspace.update");
  }

  @Test
  void recordsAreBuiltInAndStoredUnderTheirSlug() {
    Role role = BuiltInRoles.all().stream()
        .filter(r -> r.spec().name().equals("Tenant Cluster Group Admin")).findFirst().orElseThrow();

    assertThat(role.builtIn()).isTrue();
    assertThat(role.metadata().kind()).isEqualTo(Role.KIND);
    assertThat(role.metadata().id()).isEqualTo("builtin-tenant-cluster-group-admin");
    assertThat(role.metadata().name()).isEqualTo("tenant-cluster-group-admin");
    assertThat(role.metadata().project()).isEmpty();
    assertThat(role.metadata().createdAt()).isEqualTo(Instant.EPOCH);
  }

  @Test
  void slugLowercasesAndJoinsWordsWithDashes() {
    assertThat(BuiltInRoles.slug("Cluster Admin")).isEqualTo("cluster-admin");
    assertThat(BuiltInRoles.slug("  GPU   Operators ")).isEqualTo("gpu-operators");
    assertThat(BuiltInRoles.find("cluster-viewer")).isEqualTo(BuiltInRoles.find("Cluster Viewer"));
    assertThat(BuiltInRoles.isBuiltIn("tenant admin")).isTrue();
    assertThat(BuiltInRoles.find("Rocket Admin")).isEmpty();
  }
}

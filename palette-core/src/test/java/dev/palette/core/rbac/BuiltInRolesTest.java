package dev.palette.core.rbac;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.palette.model.Role;
import dev.palette.model.RoleScope;
import dev.palette.model.RoleSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BuiltInRolesTest {
  private static final BuiltInRoles ROLES = TenancyRecords.ROLES;

  @Test
  void everyReferenceRoleExistsWithItsScope() {
    for (String resource : new String[] {"App Deployment", "App Profile", "Cloud Account", "Cluster",
        "Cluster Profile", "Project", "Cluster Group", "Virtual Cluster"}) {
      for (String level : new String[] {"Admin", "Editor", "Viewer"}) {
        assertThat(ROLES.find(resource + " " + level)).get()
            .extracting(RoleSpec::scope).isEqualTo(RoleScope.PROJECT);
      }
    }
    for (String name : new String[] {"Workspace Admin", "Workspace Operator"}) {
      assertThat(ROLES.find(name).orElseThrow().scope()).isEqualTo(RoleScope.PROJECT);
    }
    for (String name : new String[] {"Tenant Admin", "Tenant Viewer", "Tenant Cluster Group Admin",
        "Tenant Cluster Group Editor", "Tenant Cluster Group Viewer", "Tenant Cluster Profile Admin",
        "Tenant Project Admin", "Tenant Role Admin", "Tenant Team Admin", "Tenant User Admin"}) {
      assertThat(ROLES.find(name).orElseThrow().scope()).isEqualTo(RoleScope.TENANT);
    }
    assertThat(ROLES.all()).hasSize(36);
  }

  @Test
  void everyRoleHasADescriptionAndOnlyKnownPermissions() {
    assertThat(ROLES.specs()).allSatisfy(spec -> {
      assertThat(spec.description()).isNotBlank();
      assertThat(ROLES.permissions().violations("permissions", spec.permissions())).isEmpty();
    });
  }

  @Test
  void editorsCreateChangeAndUseButDoNotDelete() {
    assertThat(ROLES.find("Cluster Editor").orElseThrow().permissions())
        .containsExactlyInAnyOrder("cluster.get", "cluster.list", "cluster.create", "cluster.update",
            "cluster.kubeconfig");
    assertThat(ROLES.find("Virtual Cluster Editor").orElseThrow().permissions())
        .contains("virtualCluster.pause", "virtualCluster.resume").doesNotContain("virtualCluster.delete");
    assertThat(ROLES.find("App Profile Editor").orElseThrow().permissions())
        .contains("appProfile.publish");
    assertThat(ROLES.find("Project Editor").orElseThrow().permissions())
        .contains("cluster.create", "appDeployment.deploy", "workspace.create", "audit.list", "cost.get")
        .noneMatch(p -> p.endsWith(".delete"));
    assertThat(ROLES.find("Project Viewer").orElseThrow().permissions())
        .contains("cluster.get", "virtualCluster.list", "workspace.list", "audit.list", "cost.get")
        .allMatch(p -> p.endsWith(".get") || p.endsWith(".list"));
    assertThat(ROLES.find("Cluster Admin").orElseThrow().permissions())
        .containsExactly("cluster.*");
    assertThat(ROLES.find("Workspace Operator").orElseThrow().permissions())
        .containsExactlyInAnyOrder("workspace.get", "workspace.list", "workspace.update");
  }

  @Test
  void recordsAreBuiltInAndStoredUnderTheirSlug() {
    Role role = ROLES.all().stream()
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
    assertThat(ROLES.find("cluster-viewer")).isEqualTo(ROLES.find("Cluster Viewer"));
    assertThat(ROLES.isBuiltIn("tenant admin")).isTrue();
    assertThat(ROLES.find("Rocket Admin")).isEmpty();
  }

  @Test
  void aKindsRowHandedInGetsItsPermissionsAndProjectRolesWithNoOtherCode() {
    List<ResourceVerbs> rows = new ArrayList<>(StandardResources.all());
    rows.add(ResourceVerbs.kind("widget", "Widget", "spin"));

    BuiltInRoles roles = new BuiltInRoles(new Permissions(rows));

    assertThat(roles.permissions().isKnown("widget.spin")).isTrue();
    assertThat(roles.permissions().isKnown("*.spin")).isTrue();
    assertThat(roles.find("Widget Editor").orElseThrow().permissions())
        .containsExactlyInAnyOrder("widget.create", "widget.get", "widget.list", "widget.update", "widget.spin");
    assertThat(roles.find("Widget Admin").orElseThrow().permissions()).containsExactly("widget.*");
    assertThat(roles.find("Project Editor").orElseThrow().permissions()).contains("widget.spin");
    assertThat(roles.find("Project Viewer").orElseThrow().permissions()).contains("widget.get", "widget.list");
    assertThat(ROLES.permissions().isKnown("widget.spin")).isFalse();
  }

  @Test
  void aVocabularyWithoutAResourceTheRolesGrantOnIsRefused() {
    List<ResourceVerbs> rows = StandardResources.all().stream().filter(r -> !r.resource().equals("audit")).toList();

    assertThatThrownBy(() -> new BuiltInRoles(new Permissions(rows)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("audit");
  }
}

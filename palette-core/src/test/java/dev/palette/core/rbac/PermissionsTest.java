package dev.palette.core.rbac;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.palette.error.ValidationException;
import dev.palette.error.Violation;
import java.util.List;
import org.junit.jupiter.api.Test;

class PermissionsTest {
  private static final Permissions PERMISSIONS = new Permissions(StandardResources.all());

  @Test
  void knownPermissionsAndWildcardsAreAccepted() {
    assertThat(List.of("cluster.create", "clusterProfile.publish", "virtualCluster.pause",
        "appDeployment.deploy", "cluster.kubeconfig", "audit.list", "*", "cluster.*", "*.get",
        "*.publish"))
        .allMatch(PERMISSIONS::isKnown);
  }

  @Test
  void unknownResourcesOperationsAndShapesAreRefused() {
    assertThat(List.of("rocket.create", "cluster.launch", "cluster.publish", "cluster", "rocket.*",
        "*.launch", "", ".get", "cluster.", "*.*"))
        .noneMatch(PERMISSIONS::isKnown);
    assertThat(PERMISSIONS.isKnown(null)).isFalse();
  }

  @Test
  void validateNamesEveryUnknownPermissionAndTheVocabulary() {
    ValidationException e = catchThrowableOfType(ValidationException.class,
        () -> PERMISSIONS.validate("role Launchers",
            List.of("cluster.get", "rocket.create", "cluster.launch")));

    assertThat(e.violations()).extracting(Violation::field)
        .containsExactly("permissions[1]", "permissions[2]");
    assertThat(e.getMessage())
        .contains("unknown permission 'rocket.create'")
        .contains("unknown permission 'cluster.launch'")
        .contains("resources [project, cloudAccount, clusterProfile, cluster")
        .contains("operations [create, get, list, update, delete]")
        .contains("virtualCluster.pause");
  }

  @Test
  void aRoleWithoutPermissionsIsRefused() {
    assertThat(PERMISSIONS.violations("permissions", List.of()))
        .extracting(Violation::field).containsExactly("permissions");
  }
}

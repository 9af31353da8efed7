package dev.palette.core.kind;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.palette.core.record.RecordKind;
import dev.palette.model.Project;
import dev.palette.model.ProjectSpec;
import org.junit.jupiter.api.Test;

/** The registry refuses ambiguous kinds and tells the permission vocabulary what the kinds need. */
class KindRegistryTest {
  private static KindDescriptor.Builder<Project, ProjectSpec, ProjectSpec.Builder> kind(String name, String resource) {
    return KindDescriptor.<Project, ProjectSpec, ProjectSpec.Builder>builder(
            new RecordKind<>(name, Project.class, Project::withMetadata))
        .scope(Scope.TENANT)
        .resource(resource)
        .name(ProjectSpec::name, ProjectSpec::labels)
        .model((m, spec) -> Project.builder().metadata(m).spec(spec).build(), Project::withSpec)
        .specBuilder(ProjectSpec::builder, ProjectSpec::toBuilder, ProjectSpec.Builder::build);
  }

  @Test
  void aKindNameOrPermissionResourceIsRegisteredOnce() {
    KindRegistry kinds = new KindRegistry().register(kind("Gadget", "gadget").build());
    assertThatThrownBy(() -> kinds.register(kind("Gadget", "other").build()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("kind Gadget is registered already");
    assertThatThrownBy(() -> kinds.register(kind("Gizmo", "gadget").build()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("permission resource gadget");
  }

  @Test
  void theRegistryNamesEveryPermissionResourceAndItsVerbs() {
    KindRegistry kinds = new KindRegistry()
        .register(kind("Gadget", "gadget").without("update").build())
        .register(kind("Gizmo", "gizmo").verb("launch").build());
    assertThat(kinds.permissionResources()).containsExactly("gadget", "gizmo");
    assertThat(kinds.verbsByResource().get("gadget")).containsExactly("create", "delete", "get", "list");
    assertThat(kinds.verbsByResource().get("gizmo")).endsWith("launch");
  }

  @Test
  void aControlledKindCannotBeDeletedByCascade() {
    assertThatThrownBy(() -> kind("Gadget", "gadget").controlled(true)
        .owner(OwnerRule.project(OwnerRule.OnDelete.CASCADE)).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot be deleted by cascade");
  }
}

package dev.palette.dsl;

import dev.palette.model.Project;
import dev.palette.model.ProjectSpec;
import java.util.function.Consumer;

/** Projects of the tenant: {@code projects().create(p -> p.name("ml-modeling"))}. */
public interface ProjectOperations extends Listable<Project> {
  Project create(ProjectSpec spec);

  default Project create(Consumer<ProjectSpec.Builder> spec) {
    return create(Specs.build("Project", ProjectSpec.builder(), spec, ProjectSpec.Builder::build));
  }

  UpdatableResource<Project, ProjectSpec.Builder> withName(String name);
}

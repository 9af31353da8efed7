package dev.palette.core.project;

import dev.palette.core.kind.KindDescriptor;
import dev.palette.core.kind.Scope;
import dev.palette.core.record.RecordKind;
import dev.palette.model.Project;
import dev.palette.model.ProjectSpec;
import dev.palette.model.TenantLimits;

/**
 * Projects: tenant-scoped, no outside state. What a project's delete does to the records in it is
 * each of those kinds' own rule ({@code OwnerRule.project(..)} in their descriptors).
 */
public final class ProjectKind {
  /** The project kind. */
  public static final KindDescriptor<Project, ProjectSpec, ProjectSpec.Builder> DESCRIPTOR =
      KindDescriptor.<Project, ProjectSpec, ProjectSpec.Builder>builder(RecordKind.PROJECT)
          .scope(Scope.TENANT)
          .resource("project")
          .limit("projects", TenantLimits::projects)
          .name(ProjectSpec::name, ProjectSpec::labels)
          .model((m, spec) -> Project.builder().metadata(m).spec(spec).build(), Project::withSpec)
          .specBuilder(ProjectSpec::builder, ProjectSpec::toBuilder, ProjectSpec.Builder::build)
          .validator((context, v, project, before, after) -> v.description("description", after.description()))
          .build();

  private ProjectKind() {}
}

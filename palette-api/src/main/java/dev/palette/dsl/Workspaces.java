package dev.palette.dsl;

import dev.palette.model.Workspace;
import dev.palette.model.WorkspaceSpec;
import java.util.function.Consumer;

/** Workspaces of one project. */
public interface Workspaces extends Listable<Workspace> {
  /**
   * Creates a workspace.
   *
   * @throws dev.palette.error.ValidationException when a cluster is not in the project or the
   *     namespace allocations together exceed the workspace quota
   */
  Workspace create(WorkspaceSpec spec);

  default Workspace create(Consumer<WorkspaceSpec.Builder> spec) {
    return create(Specs.build("Workspace", WorkspaceSpec.builder(), spec, WorkspaceSpec.Builder::build));
  }

  UpdatableResource<Workspace, WorkspaceSpec.Builder> withName(String name);
}

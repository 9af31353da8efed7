package dev.palette.dsl;

import dev.palette.model.Project;

/** One project. */
public interface ProjectResource extends NamedResource<Project> {
  /**
   * Deletes the project.
   *
   * @throws dev.palette.error.ConflictException while the project still holds records
   */
  void delete();
}

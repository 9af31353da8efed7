package dev.palette.model;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import org.immutables.value.Value;

/** A workspace record, in a project. */
@Value.Immutable
@PaletteStyle
@JsonSerialize(as = Workspace.class)
@JsonDeserialize(as = Workspace.class)
public interface WorkspaceDef extends Resource<WorkspaceSpec> {
  String KIND = "Workspace";

  // Declared again so that the generated from(Resource) copies it; the generic one it cannot.
  @Override
  WorkspaceSpec spec();

  @Override
  default String summary() {
    return Summary.of(this, Summary.count(spec().clusters().size(), "cluster"));
  }
}

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
}

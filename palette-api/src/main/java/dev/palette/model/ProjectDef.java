package dev.palette.model;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import org.immutables.value.Value;

/** A project record. Projects have no outside state, so their status is that they exist. */
@Value.Immutable
@PaletteStyle
@JsonSerialize(as = Project.class)
@JsonDeserialize(as = Project.class)
public interface ProjectDef extends Resource<ProjectSpec> {
  String KIND = "Project";

  // Declared again so that the generated from(Resource) copies it; the generic one it cannot.
  @Override
  ProjectSpec spec();

  @Override
  default String summary() {
    return Summary.of(this);
  }
}

package dev.palette.model;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import org.immutables.value.Value;

/** A team record, at tenant scope. */
@Value.Immutable
@PaletteStyle
@JsonSerialize(as = Team.class)
@JsonDeserialize(as = Team.class)
public interface TeamDef extends Resource<TeamSpec> {
  String KIND = "Team";

  // Declared again so that the generated from(Resource) copies it; the generic one it cannot.
  @Override
  TeamSpec spec();

  @Override
  default String summary() {
    return Summary.of(this, Summary.count(spec().members().size(), "member"));
  }
}

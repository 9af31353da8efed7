package dev.palette.model;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import org.immutables.value.Value;

/** A user record, at tenant scope. */
@Value.Immutable
@PaletteStyle
@JsonSerialize(as = User.class)
@JsonDeserialize(as = User.class)
public interface UserDef extends Resource<UserSpec> {
  String KIND = "User";

  // Declared again so that the generated from(Resource) copies it; the generic one it cannot.
  @Override
  UserSpec spec();

  @Override
  default String summary() {
    return Summary.of(this);
  }
}

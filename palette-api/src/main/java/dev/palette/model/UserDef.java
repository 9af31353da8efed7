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
}

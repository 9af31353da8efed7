package dev.palette.model;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.List;
import java.util.Map;
import org.immutables.value.Value;

/** A named group of users; a role bound to a team applies to each member. */
@Value.Immutable
@PaletteStyle
@JsonSerialize(as = TeamSpec.class)
@JsonDeserialize(as = TeamSpec.class)
public interface TeamSpecDef {
  /** A short description for logs and debuggers, which {@code toString()} returns; never a secret. */
  default String summary() {
    return Summary.of("TeamSpec", name(), Summary.count(members().size(), "member"));
  }

  String name();

  @Value.Default
  default String description() {
    return "";
  }

  /** User names. */
  List<String> members();

  /** Labels for selecting records with {@code withLabel(key, value)}. */
  Map<String, String> labels();
}

package dev.palette.model;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import org.immutables.value.Value;

/** A role record: one of the built-in roles, or a custom role of the tenant. */
@Value.Immutable
@PaletteStyle
@JsonSerialize(as = Role.class)
@JsonDeserialize(as = Role.class)
public interface RoleDef extends Resource<RoleSpec> {
  String KIND = "Role";

  // Declared again so that the generated from(Resource) copies it; the generic one it cannot.
  @Override
  RoleSpec spec();

  @Override
  default String summary() {
    return Summary.of(this, spec().scope(), builtIn() ? "built-in" : "custom");
  }

  /** The role's display name, which may hold spaces; the stored name is its slug. */
  @Override
  default String name() {
    return spec().name();
  }

  /** True for the roles Palette defines, which cannot be changed or deleted. */
  @Value.Default
  default boolean builtIn() {
    return false;
  }
}

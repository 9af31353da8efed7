package dev.palette.model;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.Map;
import java.util.Set;
import org.immutables.value.Value;

/**
 * A bundle of permissions. A permission is {@code resource.operation}, for example
 * {@code cluster.create}; {@code cluster.*} grants every operation on clusters and {@code *} grants
 * everything.
 */
@Value.Immutable
@PaletteStyle
@JsonSerialize(as = RoleSpec.class)
@JsonDeserialize(as = RoleSpec.class)
public interface RoleSpecDef {
  /** A short description for logs and debuggers, which {@code toString()} returns; never a secret. */
  default String summary() {
    return Summary.of("RoleSpec", name(), scope(), Summary.count(permissions().size(), "permission"));
  }

  /** The role's name, for example {@code Cluster Admin}. */
  String name();

  RoleScope scope();

  Set<String> permissions();

  @Value.Default
  default String description() {
    return "";
  }

  /** Labels for selecting records with {@code withLabel(key, value)}. */
  Map<String, String> labels();
}

package dev.palette.model;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.Map;
import org.immutables.value.Value;

/**
 * Grants a role to a user or a team, at tenant scope (empty {@code project}) or in one project.
 */
@Value.Immutable
@PaletteStyle
@JsonSerialize(as = RoleBindingSpec.class)
@JsonDeserialize(as = RoleBindingSpec.class)
public interface RoleBindingSpecDef {
  /** A short description for logs and debuggers, which {@code toString()} returns; never a secret. */
  default String summary() {
    return Summary.of("RoleBindingSpec", Summary.lower(subjectKind()) + " " + subject(), role(),
        project().isEmpty() ? "tenant-wide" : "in " + project());
  }

  SubjectKind subjectKind();

  /** The user or team name. */
  String subject();

  /** The role's name, for example {@code Cluster Viewer}. */
  String role();

  /** The project the role applies in; empty for a tenant role. */
  @Value.Default
  default String project() {
    return "";
  }

  /** Labels for selecting records with {@code withLabel(key, value)}. */
  Map<String, String> labels();
}

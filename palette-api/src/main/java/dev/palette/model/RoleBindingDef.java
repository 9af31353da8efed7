package dev.palette.model;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import org.immutables.value.Value;

/** A role binding record, at tenant scope; its name is derived from subject, role and project. */
@Value.Immutable
@PaletteStyle
@JsonSerialize(as = RoleBinding.class)
@JsonDeserialize(as = RoleBinding.class)
public interface RoleBindingDef extends Resource<RoleBindingSpec> {
  String KIND = "RoleBinding";

  // Declared again so that the generated from(Resource) copies it; the generic one it cannot.
  @Override
  RoleBindingSpec spec();

  @Override
  default String summary() {
    RoleBindingSpec s = spec();
    return Summary.named(this, Summary.lower(s.subjectKind()) + " " + s.subject(), s.role(),
        s.project().isEmpty() ? "tenant-wide" : "in " + s.project());
  }
}

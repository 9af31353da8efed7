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
}

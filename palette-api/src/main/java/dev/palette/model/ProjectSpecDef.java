package dev.palette.model;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.Map;
import org.immutables.value.Value;

/** The desired state of a project: a scope that groups clusters, profiles and deployments. */
@Value.Immutable
@PaletteStyle
@JsonSerialize(as = ProjectSpec.class)
@JsonDeserialize(as = ProjectSpec.class)
public interface ProjectSpecDef {
  /** A short description for logs and debuggers, which {@code toString()} returns; never a secret. */
  default String summary() {
    return Summary.of("ProjectSpec", name());
  }

  String name();

  @Value.Default
  default String description() {
    return "";
  }

  Map<String, String> labels();
}

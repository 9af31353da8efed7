package dev.palette.model;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import org.immutables.value.Value;

/** A cluster profile record. A later version of the library adds publishing and rollouts. */
@Value.Immutable
@PaletteStyle
@JsonSerialize(as = ClusterProfile.class)
@JsonDeserialize(as = ClusterProfile.class)
public interface ClusterProfileDef extends Resource<ClusterProfileSpec> {
  String KIND = "ClusterProfile";

  // Declared again so that the generated from(Resource) copies it; the generic one it cannot.
  @Override
  ClusterProfileSpec spec();

  /** The profile's name; each version is its own record, stored under a DNS-1123 name made of both. */
  @Override
  default String name() {
    return spec().name();
  }

  default String version() {
    return spec().version();
  }

  @Override
  default String summary() {
    return Summary.named(this, name() + ":" + version(), spec().cloudType());
  }
}

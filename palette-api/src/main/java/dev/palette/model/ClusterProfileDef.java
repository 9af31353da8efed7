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

  /** The profile's name; the stored name is {@code name:version}, since a name has many versions. */
  @Override
  default String name() {
    return spec().name();
  }

  default String version() {
    return spec().version();
  }
}

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
}

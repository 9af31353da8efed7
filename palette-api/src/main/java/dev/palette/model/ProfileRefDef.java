package dev.palette.model;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import org.immutables.value.Value;

/** A reference from a host cluster to a cluster profile by name and version. */
@Value.Immutable
@PaletteStyle
@JsonSerialize(as = ProfileRef.class)
@JsonDeserialize(as = ProfileRef.class)
public interface ProfileRefDef {
  @Value.Parameter
  String name();

  @Value.Parameter
  @Value.Default
  default String version() {
    return "1.0.0";
  }
}

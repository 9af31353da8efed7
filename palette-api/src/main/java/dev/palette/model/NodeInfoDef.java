package dev.palette.model;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import org.immutables.value.Value;

/** One node of a host cluster as the provider reports it. */
@Value.Immutable
@PaletteStyle
@JsonSerialize(as = NodeInfo.class)
@JsonDeserialize(as = NodeInfo.class)
public interface NodeInfoDef {
  String name();

  String pool();

  NodeState state();

  String instanceType();

  @Value.Default
  default boolean controlPlane() {
    return false;
  }
}

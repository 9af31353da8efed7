package dev.palette.model;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import org.immutables.value.Value;

/** One layer of a cluster profile: a pack with its version, source and values. */
@Value.Immutable
@PaletteStyle
@JsonSerialize(as = PackLayer.class)
@JsonDeserialize(as = PackLayer.class)
public interface PackLayerDef {
  LayerType layer();

  /** The pack name, for example {@code kubernetes} or {@code cilium}. */
  String name();

  /** An exact version such as {@code 1.30.4} or a train such as {@code 1.30.x}. */
  String version();

  @Value.Default
  default PackSource source() {
    return PackSource.PACK;
  }

  /** Values as YAML. */
  @Value.Default
  default String values() {
    return "";
  }
}

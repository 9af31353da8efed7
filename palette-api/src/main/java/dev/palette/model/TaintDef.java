package dev.palette.model;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import org.immutables.value.Value;

/** A Kubernetes taint put on every node of a pool, for example {@code gpu=true:NoSchedule}. */
@Value.Immutable
@PaletteStyle
@JsonSerialize(as = Taint.class)
@JsonDeserialize(as = Taint.class)
public interface TaintDef {
  /** The taint's key, a Kubernetes label key. */
  String key();

  /** The taint's value, empty for none. */
  @Value.Default
  default String value() {
    return "";
  }

  TaintEffect effect();
}

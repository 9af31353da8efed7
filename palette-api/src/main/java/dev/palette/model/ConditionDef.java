package dev.palette.model;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.time.Instant;
import org.immutables.value.Value;

/** One observed fact about a record, in the style of Kubernetes conditions. */
@Value.Immutable
@PaletteStyle
@JsonSerialize(as = Condition.class)
@JsonDeserialize(as = Condition.class)
public interface ConditionDef {
  String type();

  boolean status();

  @Value.Default
  default String reason() {
    return "";
  }

  @Value.Default
  default String message() {
    return "";
  }

  Instant lastTransitionTime();
}

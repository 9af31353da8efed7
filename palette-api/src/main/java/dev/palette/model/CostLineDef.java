package dev.palette.model;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.math.BigDecimal;
import org.immutables.value.Value;

/** One line of a cost report: a group's compute, storage and total cost and its CPU-core hours. */
@Value.Immutable
@PaletteStyle
@JsonSerialize(as = CostLine.class)
@JsonDeserialize(as = CostLine.class)
public interface CostLineDef {
  /** The group: a project name, {@code project/cluster}, a virtual cluster, or a cloud type. */
  String group();

  BigDecimal compute();

  BigDecimal storage();

  @Value.Derived
  default BigDecimal total() {
    return compute().add(storage());
  }

  BigDecimal cpuCoreHours();
}

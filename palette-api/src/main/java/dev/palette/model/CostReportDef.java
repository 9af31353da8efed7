package dev.palette.model;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.immutables.value.Value;

/** Costs over a time range, one line per group, in US dollars rounded to cents. */
@Value.Immutable
@PaletteStyle
// The time range starts at from(), so the builder has no from(instance) copy method; none is needed.
@SuppressWarnings("immutables:from")
@JsonSerialize(as = CostReport.class)
@JsonDeserialize(as = CostReport.class)
public interface CostReportDef {
  Instant from();

  Instant to();

  CostGroup groupBy();

  List<CostLine> lines();

  @Value.Derived
  default BigDecimal total() {
    return lines().stream().map(CostLine::total).reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  /** A plain-text table for humans. */
  default String toTable() {
    StringBuilder out = new StringBuilder();
    out.append(String.format("%-32s %12s %12s %12s %14s%n", groupBy(), "COMPUTE", "STORAGE", "TOTAL", "CPU-CORE-H"));
    for (CostLine l : lines()) {
      out.append(String.format("%-32s %12s %12s %12s %14s%n", l.group(), "$" + l.compute(), "$" + l.storage(),
          "$" + l.total(), l.cpuCoreHours()));
    }
    out.append(String.format("%-32s %12s %12s %12s%n", "TOTAL", "", "", "$" + total()));
    return out.toString();
  }
}

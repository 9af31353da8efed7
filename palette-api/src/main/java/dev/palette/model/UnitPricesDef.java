package dev.palette.model;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.math.BigDecimal;
import org.immutables.value.Value;

/**
 * Unit prices per hour in US dollars, for clouds priced by resources rather than instance types
 * (vSphere, edge), and for disks everywhere.
 */
@Value.Immutable
@PaletteStyle
@JsonSerialize(as = UnitPrices.class)
@JsonDeserialize(as = UnitPrices.class)
public interface UnitPricesDef {
  @Value.Default
  default BigDecimal cpuCoreHour() {
    return BigDecimal.ZERO;
  }

  @Value.Default
  default BigDecimal memoryGiBHour() {
    return BigDecimal.ZERO;
  }

  @Value.Default
  default BigDecimal storageGiBHour() {
    return BigDecimal.ZERO;
  }

  @Value.Default
  default BigDecimal gpuHour() {
    return BigDecimal.ZERO;
  }
}

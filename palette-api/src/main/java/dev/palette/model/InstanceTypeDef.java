package dev.palette.model;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.math.BigDecimal;
import org.immutables.value.Value;

/** A machine size a provider offers, with its capacity and hourly on-demand price in US dollars. */
@Value.Immutable
@PaletteStyle
@JsonSerialize(as = InstanceType.class)
@JsonDeserialize(as = InstanceType.class)
public interface InstanceTypeDef {
  String name();

  int cpu();

  int memoryMiB();

  @Value.Default
  default int gpus() {
    return 0;
  }

  BigDecimal hourlyPrice();
}

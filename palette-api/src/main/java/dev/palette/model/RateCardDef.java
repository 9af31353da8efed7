package dev.palette.model;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.math.BigDecimal;
import java.util.Map;
import java.util.function.Consumer;
import org.immutables.value.Value;

/**
 * The prices cost reports use, per cloud type: an hourly price per instance type for public clouds
 * (and the sandbox), and unit prices for private clouds and edge. A node whose instance type has a
 * price here costs that price; otherwise it costs its CPU, memory and GPUs at the unit prices. Disks
 * cost {@code storageGiBHour} everywhere.
 */
@Value.Immutable
@PaletteStyle
@JsonSerialize(as = RateCard.class)
@JsonDeserialize(as = RateCard.class)
public interface RateCardDef {
  /** Cloud type → instance type → US dollars per hour. */
  Map<String, Map<String, BigDecimal>> instanceHourly();

  /** Cloud type → unit prices. */
  Map<String, UnitPrices> unitPrices();

  /** Adds to the generated builder {@code unitPrice("edge", u -> u.cpuCoreHour(...))}. */
  abstract class Builder {
    /** Sets the unit prices of one cloud type; generated. */
    public abstract RateCard.Builder putUnitPrice(String cloudType, UnitPrices prices);

    /** Sets the unit prices of {@code cloudType} that {@code prices} describes on a fresh builder. */
    public RateCard.Builder unitPrice(String cloudType, Consumer<UnitPrices.Builder> prices) {
      UnitPrices.Builder builder = UnitPrices.builder();
      prices.accept(builder);
      return putUnitPrice(cloudType, builder.build());
    }
  }
}

package dev.palette.core.cost;

import dev.palette.core.cloudaccount.InstanceCatalog;
import dev.palette.error.Violation;
import dev.palette.model.RateCard;
import dev.palette.model.UnitPrices;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The default rate card and how a tenant's overrides go on top of it.
 *
 * <p>Default unit prices, in US dollars:
 *
 * <ul>
 *   <li>Storage, every cloud: $0.10 per GiB-month (the list price of AWS gp2 and a round middle of
 *       the public clouds' block storage), over 730 hours a month: {@value #STORAGE_GIB_HOUR} per
 *       GiB-hour.
 *   <li>CPU and memory on private clouds and edge ({@code vsphere}, {@code openstack}, {@code maas},
 *       {@code edge-native}, {@code edge}): Google Compute Engine's N1 custom machine on-demand
 *       rates in us-central1, {@value #CPU_CORE_HOUR} per core-hour and {@value #MEMORY_GIB_HOUR}
 *       per GiB-hour, a public yardstick for what a core costs when nobody sends a bill.
 *   <li>GPUs there: {@value #GPU_HOUR} per GPU-hour, the on-demand price of an NVIDIA T4 on
 *       Google Compute Engine.
 * </ul>
 *
 * <p>Public clouds are priced per instance type at the prices the {@link InstanceCatalog} holds for
 * the accounts and regions it has cached ({@link InstanceCatalog#pricesOf}); an instance type
 * listed with a price of zero has no list price (a private cloud's VM template) and is priced by
 * units. A cloud type the catalog knows no account of yet has no instance prices here, only the
 * default unit prices above.
 */
final class RateCards {
  static final String STORAGE_GIB_HOUR = "0.000137";
  static final String CPU_CORE_HOUR = "0.033174";
  static final String MEMORY_GIB_HOUR = "0.004446";
  static final String GPU_HOUR = "0.35";

  /** Cloud types priced by CPU, memory and GPU units by default. */
  static final Set<String> UNIT_PRICED = Set.of("vsphere", "openstack", "maas", "edge-native", "edge");

  /** Cloud types priced per instance type; they get the default storage price only. */
  static final Set<String> INSTANCE_PRICED = Set.of("aws", "azure", "gcp", "eks", "aks", "gke", "sandbox");

  private static final UnitPrices STORAGE_ONLY =
      UnitPrices.builder().storageGiBHour(new BigDecimal(STORAGE_GIB_HOUR)).build();
  private static final UnitPrices PRIVATE_CLOUD =
      STORAGE_ONLY.toBuilder()
          .cpuCoreHour(new BigDecimal(CPU_CORE_HOUR))
          .memoryGiBHour(new BigDecimal(MEMORY_GIB_HOUR))
          .gpuHour(new BigDecimal(GPU_HOUR))
          .build();

  private RateCards() {}

  /** The catalog's instance prices and the default unit prices, before any override. */
  static RateCard defaults(InstanceCatalog catalog) {
    Map<String, Map<String, BigDecimal>> hourly = new TreeMap<>();
    Map<String, UnitPrices> units = new TreeMap<>();
    INSTANCE_PRICED.forEach(cloud -> units.put(cloud, STORAGE_ONLY));
    UNIT_PRICED.forEach(cloud -> units.put(cloud, PRIVATE_CLOUD));
    for (String cloudType : catalog.cloudTypes()) {
      units.putIfAbsent(cloudType, STORAGE_ONLY);
      Map<String, BigDecimal> prices = catalog.pricesOf(cloudType);
      if (!prices.isEmpty()) {
        hourly.put(cloudType, prices);
      }
    }
    return RateCard.builder().instanceHourly(hourly).unitPrices(units).build();
  }

  /** {@code overrides} on top of {@code base}: each instance price replaced alone, unit prices per cloud. */
  static RateCard merge(RateCard base, RateCard overrides) {
    Map<String, Map<String, BigDecimal>> hourly = new TreeMap<>();
    base.instanceHourly().forEach((cloud, prices) -> hourly.put(cloud, new TreeMap<>(prices)));
    overrides.instanceHourly().forEach(
        (cloud, prices) -> hourly.computeIfAbsent(cloud, k -> new TreeMap<>()).putAll(prices));
    Map<String, UnitPrices> units = new TreeMap<>(base.unitPrices());
    units.putAll(overrides.unitPrices());
    return RateCard.builder().instanceHourly(hourly).unitPrices(units).build();
  }

  /** Every problem with a card of overrides, each with its field path. */
  static List<Violation> validate(RateCard card) {
    List<Violation> violations = new ArrayList<>();
    new TreeMap<>(card.instanceHourly()).forEach((cloud, prices) -> {
      checkKey(violations, "instanceHourly", cloud, "cloud type");
      new TreeMap<>(prices).forEach((type, price) -> {
        String field = "instanceHourly." + cloud + "." + type;
        checkKey(violations, "instanceHourly." + cloud, type, "instance type");
        checkPrice(violations, field, price);
      });
    });
    new TreeMap<>(card.unitPrices()).forEach((cloud, prices) -> {
      String field = "unitPrices." + cloud;
      checkKey(violations, "unitPrices", cloud, "cloud type");
      checkPrice(violations, field + ".cpuCoreHour", prices.cpuCoreHour());
      checkPrice(violations, field + ".memoryGiBHour", prices.memoryGiBHour());
      checkPrice(violations, field + ".storageGiBHour", prices.storageGiBHour());
      checkPrice(violations, field + ".gpuHour", prices.gpuHour());
    });
    return violations;
  }

  private static void checkKey(List<Violation> violations, String field, String key, String what) {
    if (key.isBlank()) {
      violations.add(new Violation(field, "has an empty " + what + "; name the " + what));
    }
  }

  private static void checkPrice(List<Violation> violations, String field, BigDecimal price) {
    if (price.signum() < 0) {
      violations.add(new Violation(field, price.toPlainString()
          + " is negative; give US dollars per hour, 0 or more"));
    }
  }
}

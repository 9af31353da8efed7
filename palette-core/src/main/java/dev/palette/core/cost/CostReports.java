package dev.palette.core.cost;

import dev.palette.error.ValidationException;
import dev.palette.error.Violation;
import dev.palette.model.CostGroup;
import dev.palette.model.CostLine;
import dev.palette.model.CostReport;
import dev.palette.model.RateCard;
import dev.palette.model.UnitPrices;
import dev.palette.spi.RecordQuery;
import dev.palette.spi.StateStore;
import dev.palette.spi.StoredRecord;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Cost reports: a segment costs, for the hours it overlaps the report's window, times its share,
 * an hourly price for its instance type, otherwise its CPU cores, memory GiB and GPUs at the
 * cloud's unit prices; plus its disk GiB at the storage price. The instance price is the tenant's
 * override for the type if there is one, else the price of its account and region the segment
 * opened with, else the rate card's. Sums are kept unrounded and each line rounded to cents at the
 * end.
 */
final class CostReports {
  private static final int SCALE = 12;
  private static final BigDecimal SECONDS_PER_HOUR = BigDecimal.valueOf(3600);
  private static final BigDecimal MIB_PER_GIB = BigDecimal.valueOf(1024);
  private static final UnitPrices NO_UNIT_PRICES = UnitPrices.builder().build();

  private final StateStore store;
  private final RateCardStore rateCards;
  private final Clock clock;

  CostReports(StateStore store, RateCardStore rateCards, Clock clock) {
    this.store = store;
    this.rateCards = rateCards;
    this.clock = clock;
  }

  /**
   * What the nodes cost over {@code [from, to)}; open segments count up to the earlier of
   * {@code to} and now.
   *
   * @param projectVisible which projects the caller may see (the empty string is the tenant)
   * @throws ValidationException when {@code from} is not before {@code to}
   */
  CostReport report(Instant from, Instant to, CostGroup groupBy, Predicate<String> projectVisible) {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(groupBy, "groupBy");
    Objects.requireNonNull(projectVisible, "projectVisible");
    if (!from.isBefore(to)) {
      throw new ValidationException("cost report", List.of(
          new Violation("to", to + " is not after from " + from + "; give a window that ends after it starts")));
    }
    Instant now = clock.instant();
    RateCard overrides = rateCards.overrides();
    RateCard card = rateCards.withOverrides(overrides);
    Map<String, Sum> sums = new TreeMap<>();
    for (StoredRecord record : store.list(RecordQuery.all(UsageSegment.KIND)).records()) {
      if (!projectVisible.test(record.project())) {
        continue;
      }
      UsageSegment segment = CostRecords.read(record, UsageSegment.class);
      Optional<String> group = group(segment, groupBy);
      Instant start = max(segment.start(), from);
      Instant end = min(segment.end().orElse(now), to);
      if (group.isEmpty() || !start.isBefore(end)) {
        continue;
      }
      sums.computeIfAbsent(group.get(), k -> new Sum()).add(segment, hours(start, end), overrides, card);
    }
    return CostReport.builder()
        .from(from)
        .to(to)
        .groupBy(groupBy)
        .lines(sums.entrySet().stream().map(e -> e.getValue().line(e.getKey())).toList())
        .build();
  }

  private static Optional<String> group(UsageSegment segment, CostGroup groupBy) {
    return switch (groupBy) {
      case PROJECT -> Optional.of(segment.project());
      case CLUSTER -> Optional.of(segment.project() + "/" + segment.cluster());
      // Host segments already show under the other groupings; this one is about tenants of hosts.
      case VIRTUAL_CLUSTER -> segment.virtualCluster().isEmpty()
          ? Optional.empty()
          : Optional.of(segment.project() + "/" + segment.cluster() + "/" + segment.virtualCluster());
      case CLOUD -> Optional.of(segment.cloudType());
    };
  }

  private static BigDecimal hours(Instant start, Instant end) {
    Duration d = Duration.between(start, end);
    BigDecimal seconds = BigDecimal.valueOf(d.getSeconds()).add(BigDecimal.valueOf(d.getNano(), 9));
    return seconds.divide(SECONDS_PER_HOUR, SCALE, RoundingMode.HALF_UP);
  }

  private static Instant max(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }

  /** One group's unrounded running totals. */
  private static final class Sum {
    private BigDecimal compute = BigDecimal.ZERO;
    private BigDecimal storage = BigDecimal.ZERO;
    private BigDecimal cpuCoreHours = BigDecimal.ZERO;

    void add(UsageSegment s, BigDecimal hours, RateCard overrides, RateCard card) {
      BigDecimal weight = hours.multiply(s.share());
      BigDecimal price = instancePrice(s, overrides, card);
      UnitPrices units = card.unitPrices().getOrDefault(s.cloudType(), NO_UNIT_PRICES);
      BigDecimal hourly = price != null
          ? price
          : units.cpuCoreHour().multiply(BigDecimal.valueOf(s.cpu()))
              .add(units.memoryGiBHour().multiply(BigDecimal.valueOf(s.memoryMiB()).divide(MIB_PER_GIB)))
              .add(units.gpuHour().multiply(BigDecimal.valueOf(s.gpus())));
      compute = compute.add(weight.multiply(hourly));
      storage = storage.add(weight.multiply(BigDecimal.valueOf(s.diskGiB())).multiply(units.storageGiBHour()));
      cpuCoreHours = cpuCoreHours.add(weight.multiply(BigDecimal.valueOf(s.cpu())));
    }

    private static BigDecimal instancePrice(UsageSegment s, RateCard overrides, RateCard card) {
      BigDecimal override = overrides.instanceHourly().getOrDefault(s.cloudType(), Map.of()).get(s.instanceType());
      if (override != null) {
        return override;
      }
      if (s.hourlyPrice().signum() > 0) {
        return s.hourlyPrice();
      }
      return card.instanceHourly().getOrDefault(s.cloudType(), Map.of()).get(s.instanceType());
    }

    CostLine line(String group) {
      return CostLine.builder()
          .group(group)
          .compute(compute.setScale(2, RoundingMode.HALF_UP))
          .storage(storage.setScale(2, RoundingMode.HALF_UP))
          .cpuCoreHours(cpuCoreHours.setScale(2, RoundingMode.HALF_UP))
          .build();
    }
  }
}

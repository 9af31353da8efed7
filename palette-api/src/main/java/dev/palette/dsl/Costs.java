package dev.palette.dsl;

import dev.palette.model.CostGroup;
import dev.palette.model.CostReport;
import dev.palette.model.RateCard;
import java.time.Instant;

/**
 * Usage and cost: what nodes cost from the time they spent running, priced by the rate card.
 * Reading needs {@code cost.get}; changing the rate card needs {@code cost.update}.
 */
public interface Costs {
  /** The rate card in force: the providers' instance prices, then the tenant's overrides. */
  RateCard rateCard();

  /** Replaces the tenant's overrides; prices it does not name come from the providers. */
  RateCard updateRateCard(RateCard overrides);

  /** Costs accrued in {@code [from, to)}, grouped as asked, for the projects the caller may see. */
  CostReport report(Instant from, Instant to, CostGroup groupBy);
}

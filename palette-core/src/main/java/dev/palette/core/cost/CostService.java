package dev.palette.core.cost;

import dev.palette.core.cloudaccount.InstanceCatalog;
import dev.palette.error.ValidationException;
import dev.palette.model.CostGroup;
import dev.palette.model.CostReport;
import dev.palette.model.HostCluster;
import dev.palette.model.RateCard;
import dev.palette.spi.StateStore;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Usage and cost, as the engine uses them: the ledger of the time each node spends
 * {@code RUNNING} ({@link UsageLedger}), the tenant's rate card ({@link RateCardStore}) and reports
 * priced by it when asked for ({@link CostReports}).
 *
 * <p>Everything lives in the store and nothing in this object, so any number of engines sharing a
 * store count a cluster's usage once and price it by the same card.
 *
 * <p>Instance prices and capacities come from the engine's {@link InstanceCatalog} and the nodes'
 * reported capacity, never from a provider: the rate card and the reports are read at the front
 * door, which makes no outside call.
 *
 * <p><b>Virtual clusters.</b> A virtual cluster will be costed by segments of its own that reference
 * its host's nodes, name the virtual cluster and carry the share of each node its allocation holds;
 * prices are multiplied by {@link UsageSegment#share()}, so neither the model nor the reports change.
 */
public final class CostService {
  /** The record kind of the tenant's rate card overrides. */
  public static final String RATE_CARD_KIND = RateCardStore.KIND;

  /** Marks the records of open segments. */
  static final String OPEN_LABEL = CostRecords.OPEN_LABEL;

  private final UsageLedger ledger;
  private final RateCardStore rateCards;
  private final CostReports reports;

  /**
   * A service over the segments and rate card in {@code store}; open segments found there keep
   * accruing.
   *
   * @param catalog the cached instance types whose prices, and capacities where a node reports
   *     none, cost uses; read on every use, so that what its controller fetches later counts
   */
  public CostService(StateStore store, InstanceCatalog catalog, Clock clock) {
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(catalog, "catalog");
    Objects.requireNonNull(clock, "clock");
    this.ledger = new UsageLedger(store, catalog, clock);
    this.rateCards = new RateCardStore(store, catalog);
    this.reports = new CostReports(store, rateCards, clock);
  }

  /**
   * Opens a segment for each {@code RUNNING} node of the cluster that has none, and closes the
   * segments of nodes that are gone or no longer running, at the clock's current instant. The host
   * cluster controller calls it after each status write; observing the same status again changes
   * nothing.
   */
  public void observe(HostCluster cluster) {
    ledger.observe(cluster);
  }

  /** Closes every open segment of a cluster whose record is gone, at the clock's current instant. */
  public void clusterGone(String clusterId) {
    ledger.clusterGone(clusterId);
  }

  /**
   * The catalog's instance prices and the default unit prices, with the tenant's overrides on top.
   *
   * <p>Instance prices are those {@link InstanceCatalog#pricesOf} holds for each cloud type, over
   * the accounts and regions cached; a type listed at a price of zero (a private cloud's VM
   * template) has no list price and is priced by units. Default unit prices are those of {@link
   * RateCards}. A card read before the catalog knows any account of a cloud type (just after the
   * engine opens, or before the cloud's first account is added) shows no instance prices for that
   * cloud, only its unit prices and the tenant's overrides; it never fails and never asks a cloud.
   */
  public RateCard rateCard() {
    return rateCards.rateCard();
  }

  /** The tenant's overrides as last stored; empty when there are none. */
  public RateCard overrides() {
    return rateCards.overrides();
  }

  /**
   * Replaces the tenant's overrides. Each instance price given replaces that one price; the unit
   * prices given for a cloud type replace all four of that cloud's (a price left out is 0).
   *
   * @return the effective rate card
   * @throws ValidationException naming every negative price by its field path
   */
  public RateCard updateRateCard(RateCard newOverrides) {
    return rateCards.update(newOverrides);
  }

  /**
   * What the nodes cost over {@code [from, to)}; open segments count up to the earlier of
   * {@code to} and now. A node is priced at the tenant's override for its instance type if there is
   * one, else at its type's price in its cluster's account and region when it started running,
   * else at the {@link #rateCard()}'s price, else by its CPU, memory and GPUs at unit prices.
   *
   * @param projectVisible which projects the caller may see (the empty string is the tenant)
   * @throws ValidationException when {@code from} is not before {@code to}
   */
  public CostReport report(Instant from, Instant to, CostGroup groupBy, Predicate<String> projectVisible) {
    return reports.report(from, to, groupBy, projectVisible);
  }
}

package dev.palette.core.cloudaccount;

import dev.palette.model.CloudAccountSpec;
import dev.palette.model.InstanceType;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The instance types and prices each cloud account sees in each region, cached in the engine so
 * that the front door never asks a cloud. {@link CatalogController} fills it when the engine opens
 * and refreshes it when an account changes and at every resync. Thread-safe.
 */
public final class InstanceCatalog {
  /** The account setting naming the region an account works in when a cluster names none. */
  public static final String REGION_SETTING = "region";

  private record Key(String cloudType, String accountId, String region) {}

  private final Map<Key, List<InstanceType>> entries = new ConcurrentHashMap<>();
  // Regions asked for that are not cached yet, by account id: the next refresh fetches them.
  private final Map<String, Set<String>> wanted = new ConcurrentHashMap<>();
  private final Consumer<String> refresh;

  /** @param refresh asks for a refresh of the account with this id, when a lookup misses */
  public InstanceCatalog(Consumer<String> refresh) {
    this.refresh = refresh;
  }

  /** The region an account works in when a cluster names none: its {@value #REGION_SETTING} setting, or {@code ""}. */
  public static String defaultRegion(CloudAccountSpec account) {
    return account.settings().getOrDefault(REGION_SETTING, "");
  }

  /**
   * The instance types an account sees in a region, as last fetched. Empty when they are not known
   * yet: the lookup then asks for them, and a later lookup finds them.
   *
   * @param region a region, or {@code ""} for the account's default one
   */
  public Optional<List<InstanceType>> instanceTypes(String cloudType, String accountId, String region) {
    List<InstanceType> types = entries.get(new Key(cloudType, accountId, region));
    if (types == null) {
      wanted.computeIfAbsent(accountId, id -> ConcurrentHashMap.newKeySet()).add(region);
      refresh.accept(accountId);
    }
    return Optional.ofNullable(types);
  }

  /**
   * The instance types any account of a cloud type was last seen to be offered, for checking a
   * spec whose own account is unknown; empty when no account of that type is cached.
   */
  public Optional<List<InstanceType>> anyAccount(String cloudType) {
    Map<String, InstanceType> byName = new java.util.LinkedHashMap<>();
    entries.forEach((key, types) -> {
      if (key.cloudType().equals(cloudType)) {
        types.forEach(t -> byName.putIfAbsent(t.name(), t));
      }
    });
    return byName.isEmpty() ? Optional.empty() : Optional.of(List.copyOf(byName.values()));
  }

  /**
   * The cloud types of which some account's instance types are cached, sorted. Asks for nothing: a
   * cloud type none of whose accounts has been fetched yet is not among them.
   */
  public Set<String> cloudTypes() {
    return entries.keySet().stream().map(Key::cloudType).collect(Collectors.toCollection(TreeSet::new));
  }

  /**
   * The hourly price of each instance type of a cloud type, over every account and region cached,
   * sorted by type name. Where accounts or regions list one type at different prices it is the
   * highest, so that a price taken from here never understates a bill; a type listed at 0 (a private
   * cloud's VM template, priced by units) has no price and is left out. Empty while no account of
   * the cloud type is cached; it asks for nothing, so it never leads to a call to a cloud.
   */
  public Map<String, BigDecimal> pricesOf(String cloudType) {
    Map<String, BigDecimal> prices = new TreeMap<>();
    entries.forEach((key, types) -> {
      if (key.cloudType().equals(cloudType)) {
        for (InstanceType type : types) {
          if (type.hourlyPrice().signum() > 0) {
            prices.merge(type.name(), type.hourlyPrice(), BigDecimal::max);
          }
        }
      }
    });
    return prices;
  }

  /** The regions of an account to fetch: those cached and those asked for. */
  Set<String> regions(String accountId) {
    Set<String> regions = entries.keySet().stream().filter(k -> k.accountId().equals(accountId))
        .map(Key::region).collect(Collectors.toCollection(java.util.HashSet::new));
    regions.addAll(wanted.getOrDefault(accountId, Set.of()));
    return regions;
  }

  /** Keeps what a cloud answered for an account in a region. */
  void put(String cloudType, String accountId, String region, List<InstanceType> types) {
    entries.put(new Key(cloudType, accountId, region), List.copyOf(types));
    Set<String> asked = wanted.get(accountId);
    if (asked != null) {
      asked.remove(region);
    }
  }

  /** Drops every entry of an account that is gone, or whose cloud type changed. */
  void forget(String accountId) {
    entries.keySet().removeIf(k -> k.accountId().equals(accountId));
    wanted.remove(accountId);
  }

  /** Drops the entries of an account kept under another cloud type than this one. */
  void keepOnly(String accountId, String cloudType) {
    entries.keySet().removeIf(k -> k.accountId().equals(accountId) && !k.cloudType().equals(cloudType));
  }
}

package dev.palette.core.cloudaccount;

import dev.palette.model.InstanceType;
import java.util.List;

/**
 * Fills an {@link InstanceCatalog} by hand, standing in for its {@link CatalogController}, for
 * tests outside this package that need instance types cached.
 */
public final class CatalogFixtures {
  private CatalogFixtures() {}

  /** Caches {@code types} as what the account sees in the region, as a fetch would. */
  public static void cache(InstanceCatalog catalog, String cloudType, String accountId, String region,
      List<InstanceType> types) {
    catalog.put(cloudType, accountId, region, types);
  }
}

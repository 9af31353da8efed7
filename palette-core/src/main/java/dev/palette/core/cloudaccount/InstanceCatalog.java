package dev.palette.core.cloudaccount;

import dev.palette.core.provider.ProviderRegistry;
import dev.palette.model.InstanceType;
import dev.palette.spi.CloudProvider;
import java.util.List;
import java.util.Optional;

/**
 * INTERIM (lead: replace at merge by the controllers branch's cached catalog, same signature):
 * the instance types a cloud offers an account in a region. This stand-in asks the provider's
 * in-memory list, which the sandbox serves without I/O.
 */
public final class InstanceCatalog {
  private final ProviderRegistry providers;

  public InstanceCatalog(ProviderRegistry providers) {
    this.providers = providers;
  }

  /** The offered types, or empty when the catalog knows nothing of that cloud type yet. */
  public Optional<List<InstanceType>> instanceTypes(String cloudType, String accountId, String region) {
    return providers.find(cloudType).map(CloudProvider::instanceTypes);
  }
}

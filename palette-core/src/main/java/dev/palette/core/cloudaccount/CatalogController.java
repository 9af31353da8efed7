package dev.palette.core.cloudaccount;

import dev.palette.core.controller.Reconciler;
import dev.palette.core.controller.Result;
import dev.palette.core.provider.ProviderRegistry;
import dev.palette.core.record.RecordKind;
import dev.palette.core.record.Records;
import dev.palette.error.ProviderException;
import dev.palette.model.CloudAccount;
import dev.palette.spi.CloudProvider;
import dev.palette.spi.StoredRecord;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fills the {@link InstanceCatalog} for one cloud account: asks the account's provider for the
 * instance types of the account's default region and of every region looked up, and drops an
 * account's entries once it is gone. It writes nothing to the store, so every engine runs one for
 * its own catalog, leader or not.
 */
public final class CatalogController implements Reconciler {
  private static final Logger LOG = LoggerFactory.getLogger(CatalogController.class);

  private final Records records;
  private final ProviderRegistry providers;
  private final InstanceCatalog catalog;

  public CatalogController(Records records, ProviderRegistry providers, InstanceCatalog catalog) {
    this.records = records;
    this.providers = providers;
    this.catalog = catalog;
  }

  @Override
  public String kind() {
    return CloudAccount.KIND;
  }

  @Override
  public Result reconcile(String id) {
    Optional<StoredRecord> stored = records.store().get(CloudAccount.KIND, id);
    if (stored.isEmpty()) {
      catalog.forget(id);
      return Result.done();
    }
    CloudAccount account = records.codec().decodeWithSecrets(RecordKind.CLOUD_ACCOUNT, stored.get());
    String cloudType = account.spec().cloudType();
    Optional<CloudProvider> provider = providers.find(cloudType);
    if (account.metadata().deletionRequested() || provider.isEmpty()) {
      catalog.forget(id);
      return Result.done();
    }
    catalog.keepOnly(id, cloudType);
    Set<String> regions = catalog.regions(id);
    regions.add(InstanceCatalog.defaultRegion(account.spec()));
    try {
      for (String region : regions) {
        catalog.put(cloudType, id, region, provider.get().instanceTypes(account.spec(), region));
      }
      return Result.done();
    } catch (ProviderException e) {
      if (!e.retryable()) {
        // What was fetched before stays; the next resync asks again.
        LOG.warn("the instance types of cloud account {} are not known: {}", Records.address(account), e.getMessage());
        return Result.done();
      }
      return e.retryAfter().<Result>map(Result::requeueAfter).orElseGet(() -> Result.retry(e));
    }
  }

}

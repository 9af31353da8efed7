package dev.palette.core.cloudaccount;

import dev.palette.core.controller.Reconciler;
import dev.palette.core.controller.Result;
import dev.palette.core.provider.ProviderRegistry;
import dev.palette.core.record.RecordKind;
import dev.palette.core.record.Records;
import dev.palette.error.ConflictException;
import dev.palette.error.NotFoundException;
import dev.palette.error.ProviderException;
import dev.palette.error.Violation;
import dev.palette.model.AccountPhase;
import dev.palette.model.CloudAccount;
import dev.palette.model.CloudAccountStatus;
import dev.palette.model.Condition;
import dev.palette.spi.AccountCheck;
import dev.palette.spi.CloudProvider;
import dev.palette.spi.StoredRecord;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks each cloud account's credentials with its cloud and writes the outcome to the account's
 * status: {@code VALIDATING} while a check of the current spec is due, then {@code VALID}, or
 * {@code INVALID} with the reason. The check runs when the account is created, when its spec
 * changes (a credential rotation) and at every resync, so credentials revoked in the cloud show.
 */
public final class CloudAccountController implements Reconciler {
  private static final Logger LOG = LoggerFactory.getLogger(CloudAccountController.class);
  /** The condition the status carries: true when the cloud accepted the credentials. */
  public static final String CONDITION = "CredentialsValid";

  private final Records records;
  private final ProviderRegistry providers;
  private final InstanceCatalog catalog;
  private final Clock clock;

  /** @param catalog filled with the account's default region before the account is called valid */
  public CloudAccountController(Records records, ProviderRegistry providers, InstanceCatalog catalog, Clock clock) {
    this.records = records;
    this.providers = providers;
    this.catalog = catalog;
    this.clock = clock;
  }

  @Override
  public String kind() {
    return CloudAccount.KIND;
  }

  @Override
  public Result reconcile(String id) {
    Optional<StoredRecord> stored = records.store().get(CloudAccount.KIND, id);
    if (stored.isEmpty()) {
      return Result.done();
    }
    // With its secrets: the check needs them, and the status write must keep them.
    CloudAccount account = records.codec().decodeWithSecrets(RecordKind.CLOUD_ACCOUNT, stored.get());
    if (account.metadata().deletionRequested()) {
      return Result.done();
    }
    long generation = account.metadata().generation();
    try {
      if (account.status().observedGeneration() < generation
          && account.status().phase() != AccountPhase.VALIDATING) {
        account = writeStatus(account, account.status().toBuilder().phase(AccountPhase.VALIDATING)
            .progress(0).message("checking the credentials with " + account.spec().cloudType()).build());
      }
      Optional<CloudProvider> provider = providers.find(account.spec().cloudType());
      String reason = provider.isEmpty()
          ? providers.unknown(account.spec().cloudType())
          : check(provider.get(), account);
      if (reason == null) {
        // Cached first, so that a cluster spec checked once the account reads VALID finds its types.
        String region = InstanceCatalog.defaultRegion(account.spec());
        try {
          catalog.put(account.spec().cloudType(), id, region, provider.get().instanceTypes(account.spec(), region));
        } catch (ProviderException e) {
          // The account is still valid; the catalog controller asks again.
          LOG.warn("the instance types of cloud account {} are not known yet: {}", Records.address(account), e.getMessage());
        }
      }
      writeStatus(account, outcome(account, reason));
      return Result.done();
    } catch (ProviderException e) {
      if (!e.retryable()) {
        writeStatus(account, outcome(account, e.getMessage()));
        return Result.done();
      }
      LOG.info("{} {}: {}; will retry", CloudAccount.KIND, Records.address(account), e.getMessage());
      return e.retryAfter().<Result>map(Result::requeueAfter).orElseGet(() -> Result.retry(e));
    } catch (ConflictException | NotFoundException e) {
      // The spec changed (which queued us again) or the account went meanwhile.
      return Result.done();
    }
  }

  // Why the cloud refuses the account, or null when it accepts it.
  private static String check(CloudProvider provider, CloudAccount account) {
    // An account written before its provider's local rules changed can break them: say so first.
    List<Violation> violations = provider.validateAccount(account.spec());
    if (!violations.isEmpty()) {
      return violations.stream().map(v -> v.field() + ": " + v.message()).collect(Collectors.joining("; "));
    }
    AccountCheck check = provider.verifyAccount(account.spec());
    return check.isValid() ? null : check.reason();
  }

  private CloudAccountStatus outcome(CloudAccount account, String reason) {
    boolean valid = reason == null;
    CloudAccountStatus status = account.status();
    return status.toBuilder()
        .phase(valid ? AccountPhase.VALID : AccountPhase.INVALID)
        .progress(100)
        .message(valid ? "the " + account.spec().cloudType() + " cloud accepted the credentials" : reason)
        .observedGeneration(account.metadata().generation())
        .conditions(List.of(condition(status.conditions(), valid, valid ? "Verified" : "Refused",
            valid ? "" : reason)))
        .build();
  }

  // The one condition, keeping its transition time while its truth stays the same.
  private Condition condition(List<Condition> current, boolean valid, String reason, String message) {
    Optional<Condition> before = current.stream().filter(c -> c.type().equals(CONDITION)).findFirst();
    Condition next = Condition.builder().type(CONDITION).status(valid).reason(reason).message(message)
        .lastTransitionTime(clock.instant()).build();
    return before.filter(c -> c.status() == valid)
        .map(c -> next.withLastTransitionTime(c.lastTransitionTime()))
        .orElse(next);
  }

  // Returns the account as written, still with its secrets, for the next step of this reconcile.
  private CloudAccount writeStatus(CloudAccount account, CloudAccountStatus next) {
    if (next.equals(account.status())) {
      return account;
    }
    if (next.phase() != account.status().phase()) {
      LOG.info("{} {} is {}", CloudAccount.KIND, Records.address(account), next.phase());
    }
    CloudAccount updated = account.withStatus(next);
    // A status write neither races a spec edit nor touches the stored credentials.
    CloudAccount written = records.updateStatus(RecordKind.CLOUD_ACCOUNT, updated);
    return updated.withMetadata(updated.metadata().withRevision(written.metadata().revision()));
  }

}

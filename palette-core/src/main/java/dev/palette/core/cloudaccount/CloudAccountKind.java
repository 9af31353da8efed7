package dev.palette.core.cloudaccount;

import dev.palette.core.kind.KindContext;
import dev.palette.core.kind.KindDescriptor;
import dev.palette.core.kind.OwnerRule;
import dev.palette.core.kind.Scope;
import dev.palette.core.kind.Violations;
import dev.palette.core.provider.ProviderRegistry;
import dev.palette.core.record.RecordKind;
import dev.palette.core.record.Secrets;
import dev.palette.model.CloudAccount;
import dev.palette.model.CloudAccountSpec;
import dev.palette.model.TenantLimits;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Cloud accounts: in a project or at tenant scope. The front door checks only what needs no
 * cloud (names, sizes, the provider's own local syntax rules); whether the cloud accepts the
 * credentials is the account controller's business. Updates start from the stored credentials: a
 * credential left {@link Secrets#MASK} keeps its value.
 */
public final class CloudAccountKind {
  /** The cloud account kind. */
  public static final KindDescriptor<CloudAccount, CloudAccountSpec, CloudAccountSpec.Builder> DESCRIPTOR =
      KindDescriptor.<CloudAccount, CloudAccountSpec, CloudAccountSpec.Builder>builder(RecordKind.CLOUD_ACCOUNT)
          .scope(Scope.BOTH)
          .resource("cloudAccount")
          .limit("cloudAccounts", TenantLimits::cloudAccounts)
          .owner(OwnerRule.project(OwnerRule.OnDelete.BLOCK))
          .name(CloudAccountSpec::name, CloudAccountSpec::labels)
          .model((m, spec) -> CloudAccount.builder().metadata(m).spec(spec).build(), CloudAccount::withSpec)
          .specBuilder(CloudAccountSpec::builder, CloudAccountSpec::toBuilder, CloudAccountSpec.Builder::build)
          .secrets(CloudAccountKind::keepMasked)
          .validator(CloudAccountKind::validate)
          .messages(a -> "created cloud account " + a.name() + " for cloud type " + a.spec().cloudType(),
              (before, after) -> "updated cloud account " + after.name() + ": "
                  + describeChange(before.spec(), after.spec()))
          .build();

  private CloudAccountKind() {}

  // A credential left masked keeps its stored value; one the account never had stays masked and is refused.
  private static CloudAccountSpec keepMasked(CloudAccountSpec stored, CloudAccountSpec requested) {
    Map<String, String> credentials = new LinkedHashMap<>();
    requested.credentials().forEach((key, value) -> credentials.put(key,
        Secrets.MASK.equals(value) && stored.credentials().containsKey(key)
            ? stored.credentials().get(key) : value));
    return requested.withCredentials(credentials);
  }

  private static void validate(KindContext context, Violations v, String project, CloudAccountSpec before,
      CloudAccountSpec spec) {
    v.settings("settings", spec.settings());
    v.settings("credentials", spec.credentials());
    boolean sameCloud = before == null || spec.cloudType().equals(before.cloudType());
    if (!sameCloud) {
      v.add("cloudType", "cannot change from '" + before.cloudType()
          + "'; create a new account for cloud type '" + spec.cloudType() + "'");
    }
    // The provider sees the real values; the placeholder itself is never a credential.
    spec.credentials().forEach((key, value) -> {
      if (Secrets.MASK.equals(value)) {
        v.add("credentials." + key, "is the redacted placeholder " + Secrets.MASK
            + ", not a value; give the credential's value");
      }
    });
    if (!sameCloud) {
      return;
    }
    ProviderRegistry providers = context.service(ProviderRegistry.class);
    // The provider's local syntax rules only: a pure check that calls no cloud.
    providers.find(spec.cloudType()).ifPresentOrElse(p -> v.addAll(p.validateAccount(spec)),
        () -> v.add("cloudType", providers.unknown(spec.cloudType())));
  }

  // Names what changed; credential names are shown on every read, their values never.
  private static String describeChange(CloudAccountSpec before, CloudAccountSpec after) {
    List<String> changes = new ArrayList<>();
    Set<String> keys = new TreeSet<>(before.credentials().keySet());
    keys.addAll(after.credentials().keySet());
    List<String> rotated = keys.stream()
        .filter(k -> !Objects.equals(before.credentials().get(k), after.credentials().get(k)))
        .toList();
    if (!rotated.isEmpty()) {
      changes.add("credentials " + rotated + " changed");
    }
    if (!before.settings().equals(after.settings())) {
      changes.add("settings changed");
    }
    if (!before.labels().equals(after.labels())) {
      changes.add("labels changed");
    }
    return String.join(", ", changes);
  }
}

package dev.palette.core.cloudaccount;

import static dev.palette.core.kind.Limits.shown;

import dev.palette.core.kind.Limits;
import dev.palette.core.provider.ProviderRegistry;

/** How a spec's cloud type is refused when no provider has that id. */
public final class CloudTypes {
  private CloudTypes() {}

  /** A provider id is short; a long or multi-line one is not echoed in the registry's message. */
  public static String unknown(ProviderRegistry providers, String cloudType) {
    return cloudType.length() > Limits.NAME_LENGTH || Limits.hasControl(cloudType)
        ? shown(cloudType) + " is not a provider id; providers found: " + providers.ids()
        : providers.unknown(cloudType);
  }
}

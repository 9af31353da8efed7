package dev.palette.model;

/**
 * Registers a provider's {@link ProviderConfig} type so records holding one can be read back: list
 * the implementation in {@code META-INF/services/dev.palette.model.ProviderConfigType} of the
 * provider's module.
 */
public interface ProviderConfigType {
  /** The provider id, equal to {@link ProviderConfig#provider()} of every value of {@link #type()}. */
  String provider();

  /** The concrete, JSON-readable class of the provider's config. */
  Class<? extends ProviderConfig> type();
}

package dev.palette.model;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.annotation.JsonTypeIdResolver;

/**
 * A host cluster's cloud-specific settings, which only its provider understands and validates
 * ({@code CloudProvider.validateCluster}): a VPC and subnets, a vSphere placement, edge hosts. Each
 * provider module defines its own immutable type with a builder, for example
 * {@code SandboxClusterConfig.builder()}, and registers it with a {@link ProviderConfigType}.
 *
 * <p>It is stored as JSON with its {@link #provider()} as the {@code type} property, so a record
 * read back holds the provider's own type again.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.CUSTOM, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonTypeIdResolver(ProviderConfigTypes.class)
public interface ProviderConfig {
  /** The id of the provider that understands this config, for example {@code sandbox}. */
  String provider();
}

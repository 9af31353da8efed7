package dev.palette.model;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import org.immutables.value.Value;

/**
 * How many records of each kind the tenant may hold; a create beyond a limit fails with
 * {@code QuotaExceededException}.
 */
@Value.Immutable
@PaletteStyle
@JsonSerialize(as = TenantLimits.class)
@JsonDeserialize(as = TenantLimits.class)
public interface TenantLimitsDef {
  @Value.Default
  default int projects() {
    return 200;
  }

  @Value.Default
  default int clusters() {
    return 1_000;
  }

  @Value.Default
  default int clusterProfiles() {
    return 500;
  }

  @Value.Default
  default int cloudAccounts() {
    return 200;
  }

  @Value.Default
  default int users() {
    return 1_000;
  }

  @Value.Default
  default int teams() {
    return 200;
  }

  @Value.Default
  default int roles() {
    return 200;
  }

  @Value.Default
  default int roleBindings() {
    return 20_000;
  }

  @Value.Default
  default int workspaces() {
    return 200;
  }
}

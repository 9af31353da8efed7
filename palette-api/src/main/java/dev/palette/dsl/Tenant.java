package dev.palette.dsl;

import dev.palette.model.TenantLimits;
import java.util.function.Consumer;

/** Tenant-wide settings. */
public interface Tenant {
  TenantLimits limits();

  /**
   * Changes the limits; needs {@code tenant.update}.
   *
   * @throws dev.palette.error.ValidationException when a limit is negative
   */
  TenantLimits updateLimits(Consumer<TenantLimits.Builder> changes);
}

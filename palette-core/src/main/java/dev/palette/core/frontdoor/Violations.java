package dev.palette.core.frontdoor;

/**
 * INTERIM (lead: delete at merge): lets {@code TenantLimitGuard}, which the audit branch moves to
 * {@code core.tenancy}, compile unchanged now that the violations collector lives in {@code core.kind}.
 */
final class Violations extends dev.palette.core.kind.Violations {}

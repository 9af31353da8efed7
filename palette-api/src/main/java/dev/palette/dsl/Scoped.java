package dev.palette.dsl;

/**
 * Chooses the scope of the next step, for kinds that live in a project or at tenant scope:
 * {@code cloudAccounts().inProject("ml")}, {@code cloudAccounts().inTenant()}, or
 * {@code cloudAccounts().inAnyScope()} to list both.
 *
 * @param <T> the collection of one scope
 * @param <R> the record type
 */
public interface Scoped<T, R> extends ProjectScoped<T, R> {
  /** The records at tenant scope, shared by every project. */
  T inTenant();
}

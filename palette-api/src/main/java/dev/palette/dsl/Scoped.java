package dev.palette.dsl;

/** Chooses the scope of the next step: one project, or the tenant. */
public interface Scoped<T> {
  T inProject(String project);

  T inTenant();
}

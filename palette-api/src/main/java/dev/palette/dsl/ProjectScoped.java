package dev.palette.dsl;

/** Chooses the project of the next step, for kinds that only live in projects. */
public interface ProjectScoped<T> {
  T inProject(String project);
}

package dev.palette.dsl;

/**
 * Chooses the project of the next step, for kinds that only live in projects:
 * {@code clusters().inProject("ml")}, or every project at once with {@link #inAnyScope()}.
 *
 * @param <T> the collection of one project
 * @param <R> the record type
 */
public interface ProjectScoped<T, R> {
  /**
   * The records of one project.
   *
   * @throws dev.palette.error.ValidationException when {@code project} is empty
   */
  T inProject(String project);

  /** The records of every scope the caller may see, for listing and watching. */
  Listable<R> inAnyScope();
}

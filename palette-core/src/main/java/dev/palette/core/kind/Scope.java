package dev.palette.core.kind;

/** Where records of a kind live: at tenant scope, in projects, or in either. */
public enum Scope {
  TENANT, PROJECT, BOTH;

  /** Whether a record may live in {@code project} ({@code ""}: tenant scope). */
  public boolean allows(String project) {
    return switch (this) {
      case TENANT -> project.isEmpty();
      case PROJECT -> !project.isEmpty();
      case BOTH -> true;
    };
  }
}

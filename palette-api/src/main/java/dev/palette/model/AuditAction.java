package dev.palette.model;

/** What an audited call did. */
public enum AuditAction {
  CREATE,
  UPDATE,
  DELETE,
  PUBLISH,
  DEPLOY,
  PAUSE,
  RESUME,
  DENY;

  /** The lowercase name Palette shows, for example {@code create}. */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}

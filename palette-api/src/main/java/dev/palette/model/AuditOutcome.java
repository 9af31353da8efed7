package dev.palette.model;

/** How an audited call ended. */
public enum AuditOutcome {
  SUCCESS,
  DENIED,
  FAILED
}

package dev.palette.model;

/** Where the check of a cloud account against its cloud stands. */
public enum AccountPhase {
  /** The current credentials have not been checked yet. */
  VALIDATING,
  /** The cloud accepted the current credentials. */
  VALID,
  /** The cloud refused the current credentials; the status message says why. */
  INVALID
}

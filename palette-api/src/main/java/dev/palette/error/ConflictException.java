package dev.palette.error;

/**
 * A write lost a race or clashes with the current state: a stale revision, a name already taken, or
 * a change the record's phase does not allow. Re-read the record and try again.
 */
public class ConflictException extends PaletteException {
  private static final long serialVersionUID = 1L;

  public ConflictException(String message) {
    super(message);
  }
}

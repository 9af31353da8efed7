package dev.palette.error;

/** Long work ended without reaching its goal, for example a cluster that went to {@code ERROR}. */
public class OperationFailedException extends PaletteException {
  private static final long serialVersionUID = 1L;

  public OperationFailedException(String message) {
    super(message);
  }

  public OperationFailedException(String message, Throwable cause) {
    super(message, cause);
  }
}

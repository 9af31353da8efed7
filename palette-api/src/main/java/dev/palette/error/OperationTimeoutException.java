package dev.palette.error;

/** {@code Operation.await(Duration)} ran out of time; the work itself goes on. */
public class OperationTimeoutException extends PaletteException {
  private static final long serialVersionUID = 1L;

  public OperationTimeoutException(String message) {
    super(message);
  }
}

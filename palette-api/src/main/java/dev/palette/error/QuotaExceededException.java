package dev.palette.error;

/** A request would take more than a quota or limit allows. */
public class QuotaExceededException extends PaletteException {
  private static final long serialVersionUID = 1L;

  public QuotaExceededException(String message) {
    super(message);
  }
}

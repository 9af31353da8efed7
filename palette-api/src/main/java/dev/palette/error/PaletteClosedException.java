package dev.palette.error;

/**
 * The {@code Palette} was closed: every call on it, or on any object obtained from it, fails with
 * this exception, and so does an {@code Operation.await} that was waiting when it closed.
 */
public class PaletteClosedException extends PaletteException {
  private static final long serialVersionUID = 1L;

  public PaletteClosedException() {
    super("this Palette was closed; build a new one with Palette.builder() to go on");
  }
}

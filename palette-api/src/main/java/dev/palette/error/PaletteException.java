package dev.palette.error;

/** The root of every exception Palette throws. Messages say what was wrong and what to do. */
public class PaletteException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public PaletteException(String message) {
    super(message);
  }

  public PaletteException(String message, Throwable cause) {
    super(message, cause);
  }
}

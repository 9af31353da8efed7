package dev.palette.error;

/** The record asked for does not exist. */
public class NotFoundException extends PaletteException {
  private static final long serialVersionUID = 1L;

  public NotFoundException(String message) {
    super(message);
  }
}

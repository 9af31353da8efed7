package dev.palette;

/** Where long work stands: its current phase, percent done (0–100) and a line for humans. */
public record Progress(String phase, int percent, String message) {
  @Override
  public String toString() {
    return phase + " " + percent + "%" + (message.isEmpty() ? "" : " — " + message);
  }
}

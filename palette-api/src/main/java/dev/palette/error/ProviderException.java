package dev.palette.error;

/**
 * A provider could not do a step. {@link #retryable()} tells the controller whether trying again
 * can help; {@link #code()} is the cloud's own error code where it gave one.
 */
public class ProviderException extends PaletteException {
  private static final long serialVersionUID = 1L;
  private final String provider;
  private final String code;
  private final boolean retryable;

  public ProviderException(String provider, String code, boolean retryable, String message) {
    this(provider, code, retryable, message, null);
  }

  public ProviderException(
      String provider, String code, boolean retryable, String message, Throwable cause) {
    super("provider " + provider + " failed (" + code + (retryable ? ", retryable" : "") + "): " + message,
        cause);
    this.provider = provider;
    this.code = code;
    this.retryable = retryable;
  }

  public String provider() {
    return provider;
  }

  public String code() {
    return code;
  }

  public boolean retryable() {
    return retryable;
  }
}

package dev.palette.error;

import java.time.Duration;
import java.util.Optional;

/**
 * A provider could not do a step. {@link #retryable()} tells the controller whether trying again
 * can help; {@link #code()} is the cloud's own error code where it gave one, and
 * {@link #retryAfter()} how long the cloud asked to wait before the next attempt, where it said.
 */
public class ProviderException extends PaletteException {
  private static final long serialVersionUID = 1L;
  private final String provider;
  private final String code;
  private final boolean retryable;
  private final Duration retryAfter;
  private final String detail;

  public ProviderException(String provider, String code, boolean retryable, String message) {
    this(provider, code, retryable, null, message, null);
  }

  public ProviderException(
      String provider, String code, boolean retryable, String message, Throwable cause) {
    this(provider, code, retryable, null, message, cause);
  }

  /**
   * A failure with the wait the cloud asked for before a retry.
   *
   * @param retryAfter how long to wait before trying again, or null when the cloud did not say
   */
  public ProviderException(String provider, String code, boolean retryable, Duration retryAfter,
      String message, Throwable cause) {
    super("provider " + provider + " failed (" + code + (retryable ? ", retryable" : "")
        + (retryAfter == null ? "" : ", retry after " + retryAfter) + "): " + message, cause);
    this.provider = provider;
    this.code = code;
    this.retryable = retryable;
    this.retryAfter = retryAfter;
    this.detail = message;
  }

  /** The id of the provider that failed, for example {@code sandbox}. */
  public String provider() {
    return provider;
  }

  /** The cloud's error code, for example {@code Throttling} or {@code InjectedFault}. */
  public String code() {
    return code;
  }

  public boolean retryable() {
    return retryable;
  }

  /** How long the cloud asked to wait before the next attempt, when it said. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }

  /** The provider's own description of the failure, without the provider and code around it. */
  public String detail() {
    return detail;
  }
}

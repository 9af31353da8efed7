package dev.palette.error;

import java.time.Duration;
import java.util.Optional;

/**
 * Long work ended without reaching its goal, for example a cluster that went to {@code ERROR}.
 * When a provider's failure ended it, the failure is the {@linkplain #getCause() cause} and its
 * provider, error code, retryability and retry-after are available here.
 */
public class OperationFailedException extends PaletteException {
  private static final long serialVersionUID = 1L;

  public OperationFailedException(String message) {
    super(message);
  }

  public OperationFailedException(String message, Throwable cause) {
    super(message, cause);
  }

  /** The provider failure that ended the work, when a provider's failure did. */
  public Optional<ProviderException> providerFailure() {
    return getCause() instanceof ProviderException p ? Optional.of(p) : Optional.empty();
  }

  /** The id of the provider whose failure ended the work, when known. */
  public Optional<String> provider() {
    return providerFailure().map(ProviderException::provider);
  }

  /** The cloud's error code, when known. */
  public Optional<String> code() {
    return providerFailure().map(ProviderException::code);
  }

  /** Whether the provider said trying again can help; false when no provider failure is known. */
  public boolean retryable() {
    return providerFailure().map(ProviderException::retryable).orElse(false);
  }

  /** How long the cloud asked to wait before trying again, when it said. */
  public Optional<Duration> retryAfter() {
    return providerFailure().flatMap(ProviderException::retryAfter);
  }
}

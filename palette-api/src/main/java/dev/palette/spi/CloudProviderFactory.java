package dev.palette.spi;

/**
 * Creates a {@link CloudProvider}; found through {@link java.util.ServiceLoader} from
 * {@code META-INF/services/dev.palette.spi.CloudProviderFactory}. When two factories serve one id,
 * the higher {@link #priority()} wins.
 */
public interface CloudProviderFactory {
  /** The cloud type the providers it creates serve, for example {@code sandbox} or {@code aws}. */
  String id();

  /** Which factory wins when two serve one id; the higher one. */
  default int priority() {
    return 0;
  }

  /**
   * A provider for one engine. Called once per engine, while it opens; the provider lives until the
   * engine closes it. It must not call the cloud here (an engine opens without a network): check
   * {@link ProviderContext#settings()} and fail fast on a bad one with an
   * {@link IllegalArgumentException} naming the setting and what is allowed.
   */
  CloudProvider create(ProviderContext context);
}

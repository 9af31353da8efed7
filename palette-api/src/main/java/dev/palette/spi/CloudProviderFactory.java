package dev.palette.spi;

import java.time.Clock;

/**
 * Creates a {@link CloudProvider}; found through {@link java.util.ServiceLoader}. When two
 * factories serve one id, the higher {@link #priority()} wins.
 */
public interface CloudProviderFactory {
  String id();

  default int priority() {
    return 0;
  }

  CloudProvider create(Clock clock);
}

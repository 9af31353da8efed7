package dev.palette.sandbox;

import java.time.Duration;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * How the sandbox's simulation of infrastructure behaves: how long a cluster takes to provision,
 * how much random jitter is added per cluster, how long a node added by scale-out takes, and the
 * seed of the jitter (for reproducible tests).
 *
 * @param provisioningDelay time from creating a cluster until its nodes run
 * @param jitter the upper bound of a random extra delay drawn once per cluster
 * @param nodeDelay time from adding a node to a running cluster until it runs
 * @param seed the jitter's seed; empty for a fresh random draw each time
 */
public record SandboxSettings(
    Duration provisioningDelay, Duration jitter, Duration nodeDelay, OptionalLong seed) {

  public SandboxSettings {
    provisioningDelay = requireNotNegative(provisioningDelay, "provisioningDelay");
    jitter = requireNotNegative(jitter, "jitter");
    nodeDelay = requireNotNegative(nodeDelay, "nodeDelay");
    Objects.requireNonNull(seed, "seed");
  }

  /** 3 s to provision, up to 0.5 s of jitter, 1 s per node added later. */
  public static SandboxSettings defaults() {
    return builder().build();
  }

  /** No delay at all: a cluster runs on its first reconcile. For tests and fleets. */
  public static SandboxSettings instant() {
    return builder()
        .provisioningDelay(Duration.ZERO)
        .jitter(Duration.ZERO)
        .nodeDelay(Duration.ZERO)
        .build();
  }

  public static Builder builder() {
    return new Builder();
  }

  private static Duration requireNotNegative(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.isNegative()) {
      throw new IllegalArgumentException(name + " must not be negative, got " + d);
    }
    return d;
  }

  /** Builds {@link SandboxSettings}, starting from the defaults. */
  public static final class Builder {
    private Duration provisioningDelay = Duration.ofSeconds(3);
    private Duration jitter = Duration.ofMillis(500);
    private Duration nodeDelay = Duration.ofSeconds(1);
    private OptionalLong seed = OptionalLong.empty();

    private Builder() {}

    public Builder provisioningDelay(Duration delay) {
      this.provisioningDelay = delay;
      return this;
    }

    public Builder jitter(Duration jitter) {
      this.jitter = jitter;
      return this;
    }

    public Builder nodeDelay(Duration delay) {
      this.nodeDelay = delay;
      return this;
    }

    public Builder seed(long seed) {
      this.seed = OptionalLong.of(seed);
      return this;
    }

    public SandboxSettings build() {
      return new SandboxSettings(provisioningDelay, jitter, nodeDelay, seed);
    }
  }
}

package dev.palette.sandbox;

import dev.palette.model.CloudAccountSpec;
import dev.palette.model.HostClusterSpec;
import dev.palette.spi.CloudProvider;
import dev.palette.spi.CloudProviderFactory;
import dev.palette.testkit.provider.CloudProviderContract;
import java.util.Map;
import java.util.OptionalLong;

/** The sandbox keeps every rule of the provider SPI, with its default delays on a manual clock. */
class SandboxProviderContractTest extends CloudProviderContract {
  @Override
  protected CloudProviderFactory factory() {
    return new SandboxProviderFactory();
  }

  @Override
  protected Map<String, String> settings() {
    return Map.of("seed", "42");
  }

  @Override
  protected CloudAccountSpec account() {
    return Clusters.ACCOUNT;
  }

  @Override
  protected HostClusterSpec validCluster() {
    return Clusters.context("unused", "web", 2).spec();
  }

  @Override
  protected OptionalLong clustersCreated(CloudProvider provider) {
    return OptionalLong.of(((SandboxProvider) provider).cloud().clustersCreated());
  }
}

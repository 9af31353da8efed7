package dev.palette.testkit.provider;

import dev.palette.error.Violation;
import dev.palette.model.CloudAccountSpec;
import dev.palette.model.HostClusterSpec;
import dev.palette.model.InstanceType;
import dev.palette.spi.AccountCheck;
import dev.palette.spi.CloudProvider;
import dev.palette.spi.ClusterContext;
import dev.palette.spi.ClusterCredentials;
import dev.palette.spi.ProviderCapabilities;
import dev.palette.spi.StepOutcome;
import java.util.List;
import java.util.Objects;

/**
 * A provider that hands every call to another one, for tests that change one behaviour of a real
 * provider (a cloud that revokes an account, fails one step, or runs the control plane itself) and
 * keep the rest: subclass it and override only what differs.
 */
public abstract class ForwardingCloudProvider implements CloudProvider {
  private final CloudProvider delegate;

  /** Forwards to {@code delegate}, which {@link #close()} closes too. */
  protected ForwardingCloudProvider(CloudProvider delegate) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
  }

  /** The provider calls are forwarded to. */
  protected CloudProvider delegate() {
    return delegate;
  }

  @Override
  public String id() {
    return delegate.id();
  }

  @Override
  public ProviderCapabilities capabilities() {
    return delegate.capabilities();
  }

  @Override
  public List<Violation> validateAccount(CloudAccountSpec account) {
    return delegate.validateAccount(account);
  }

  @Override
  public AccountCheck verifyAccount(CloudAccountSpec account) {
    return delegate.verifyAccount(account);
  }

  @Override
  public List<Violation> validateCluster(HostClusterSpec spec, CloudAccountSpec account) {
    return delegate.validateCluster(spec, account);
  }

  @Override
  public List<InstanceType> instanceTypes(CloudAccountSpec account, String region) {
    return delegate.instanceTypes(account, region);
  }

  @Override
  public StepOutcome reconcile(ClusterContext cluster) {
    return delegate.reconcile(cluster);
  }

  @Override
  public StepOutcome delete(ClusterContext cluster) {
    return delegate.delete(cluster);
  }

  @Override
  public ClusterCredentials access(ClusterContext cluster) {
    return delegate.access(cluster);
  }

  @Override
  public void close() {
    delegate.close();
  }
}

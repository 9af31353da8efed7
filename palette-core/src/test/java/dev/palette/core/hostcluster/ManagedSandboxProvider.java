package dev.palette.core.hostcluster;

import dev.palette.error.Violation;
import dev.palette.model.CloudAccountSpec;
import dev.palette.model.HostClusterSpec;
import dev.palette.sandbox.SandboxProvider;
import dev.palette.spi.AccountCheck;
import dev.palette.testkit.provider.ForwardingCloudProvider;
import dev.palette.spi.ProviderCapabilities;
import dev.palette.spi.ProviderCapabilities.ControlPlane;
import dev.palette.spi.ProviderCapabilities.Pricing;
import java.util.ArrayList;
import java.util.List;

/**
 * A cloud with a managed control plane (as EKS, AKS and GKE are), simulated on the sandbox: the
 * cloud runs the control plane, so a cluster has worker pools only and a control-plane pool is
 * refused. Its nodes, API server and steps are the sandbox's.
 */
final class ManagedSandboxProvider extends ForwardingCloudProvider {
  static final String ID = "managed-sandbox";
  private static final ProviderCapabilities CAPABILITIES =
      new ProviderCapabilities(ControlPlane.MANAGED, false, true, Pricing.PER_INSTANCE_TYPE);

  ManagedSandboxProvider(SandboxProvider sandbox) {
    super(sandbox);
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public ProviderCapabilities capabilities() {
    return CAPABILITIES;
  }

  @Override
  public List<Violation> validateAccount(CloudAccountSpec account) {
    return account.cloudType().equals(ID)
        ? List.of()
        : List.of(new Violation("cloudType", "must be '" + ID + "', got '" + account.cloudType() + "'"));
  }

  @Override
  public AccountCheck verifyAccount(CloudAccountSpec account) {
    return validateAccount(account).isEmpty() ? AccountCheck.valid() : AccountCheck.invalid("not " + ID);
  }

  @Override
  public List<Violation> validateCluster(HostClusterSpec spec, CloudAccountSpec account) {
    List<Violation> violations = new ArrayList<>();
    for (int i = 0; i < spec.nodePools().size(); i++) {
      if (spec.nodePools().get(i).controlPlane()) {
        violations.add(new Violation("nodePools[" + i + "].controlPlane",
            "the cloud runs the control plane of a " + ID + " cluster; its pools are workers"));
      }
    }
    return violations;
  }
}

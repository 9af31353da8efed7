package dev.palette.core.hostcluster;

import dev.palette.core.kind.Violations;
import dev.palette.model.HostClusterSpec;

/**
 * INTERIM (lead: replace at merge by a call to {@code provider.validateCluster(spec, account)},
 * the provider branch's SPI method, in {@link HostClusterValidator#providerRules}): the sandbox's
 * own rule, exactly one control-plane pool of 1, 3 or 5 nodes, which is no generic rule and goes
 * to the providers that have it.
 */
final class ControlPlaneRule {
  private ControlPlaneRule() {}

  static void check(Violations v, HostClusterSpec spec) {
    int controlPlanes = 0;
    for (int i = 0; i < spec.nodePools().size(); i++) {
      var pool = spec.nodePools().get(i);
      if (pool.controlPlane()) {
        controlPlanes++;
        if (pool.size() >= 0 && pool.size() != 1 && pool.size() != 3 && pool.size() != 5) {
          v.add("nodePools[" + i + "].size", "a control-plane pool has 1, 3 or 5 nodes, not " + pool.size());
        }
      }
    }
    if (!spec.nodePools().isEmpty() && controlPlanes != 1) {
      v.add("nodePools", "must have exactly one control-plane pool, has " + controlPlanes);
    }
  }
}

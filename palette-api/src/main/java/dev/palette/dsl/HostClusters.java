package dev.palette.dsl;

import dev.palette.Operation;
import dev.palette.model.HostCluster;
import dev.palette.model.HostClusterSpec;
import java.util.function.Consumer;

/** Host clusters of one project: {@code clusters().inProject("ml-modeling").withName("gpu-1").get()}. */
public interface HostClusters extends Listable<HostCluster> {
  /**
   * Validates the spec, records it and starts provisioning. The returned operation completes when
   * the cluster is {@code RUNNING}.
   *
   * @throws dev.palette.error.ValidationException listing every problem with the spec
   */
  Operation<HostCluster> create(HostClusterSpec spec);

  default Operation<HostCluster> create(Consumer<HostClusterSpec.Builder> spec) {
    return create(Specs.build("HostCluster", HostClusterSpec.builder(), spec, HostClusterSpec.Builder::build));
  }

  HostClusterResource withName(String name);
}

package dev.palette.model;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import org.immutables.value.Value;

/** One node of a host cluster as the provider reports it. */
@Value.Immutable
@PaletteStyle
@JsonSerialize(as = NodeInfo.class)
@JsonDeserialize(as = NodeInfo.class)
public interface NodeInfoDef {
  String name();

  String pool();

  NodeState state();

  String instanceType();

  @Value.Default
  default boolean controlPlane() {
    return false;
  }

  /** CPU cores the node has, as the cloud reports them; 0 when it did not say. */
  @Value.Default
  default int cpu() {
    return 0;
  }

  /** Memory the node has, in MiB; 0 when the cloud did not say. */
  @Value.Default
  default int memoryMiB() {
    return 0;
  }

  /** GPUs the node has; 0 for none. */
  @Value.Default
  default int gpus() {
    return 0;
  }

  /** The provider's identifier of the machine (an instance id, a VM's managed object id). */
  @Value.Default
  default String providerId() {
    return "";
  }
}

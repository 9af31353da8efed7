package dev.palette.model;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import org.immutables.value.Value;

/** What one namespace of a workspace may use: CPU in millicores, memory in MiB, and GPUs. */
@Value.Immutable
@PaletteStyle
@JsonSerialize(as = NamespaceAllocation.class)
@JsonDeserialize(as = NamespaceAllocation.class)
public interface NamespaceAllocationDef {
  String namespace();

  @Value.Default
  default int cpuMillicores() {
    return 0;
  }

  @Value.Default
  default int memoryMiB() {
    return 0;
  }

  @Value.Default
  default int gpus() {
    return 0;
  }
}

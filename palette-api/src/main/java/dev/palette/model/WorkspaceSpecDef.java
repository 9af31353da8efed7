package dev.palette.model;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.List;
import org.immutables.value.Value;

/**
 * A workspace groups clusters and namespaces of one project, with a CPU, memory and GPU allocation
 * per namespace, images that may not run, and a quota that the allocations together must fit.
 */
@Value.Immutable
@PaletteStyle
@JsonSerialize(as = WorkspaceSpec.class)
@JsonDeserialize(as = WorkspaceSpec.class)
public interface WorkspaceSpecDef {
  /** A short description for logs and debuggers, which {@code toString()} returns; never a secret. */
  default String summary() {
    return Summary.of("WorkspaceSpec", name(), Summary.count(clusters().size(), "cluster"),
        Summary.count(namespaces().size(), "namespace"));
  }

  String name();

  /** Names of host clusters of the project. */
  List<String> clusters();

  List<NamespaceAllocation> namespaces();

  /** Image references or prefixes that may not run, for example {@code docker.io/library/}. */
  List<String> imageDenyList();

  /** The workspace quota: the sum of the namespace allocations must fit in it. */
  @Value.Default
  default NamespaceAllocation quota() {
    return NamespaceAllocation.builder().namespace("*").cpuMillicores(Integer.MAX_VALUE)
        .memoryMiB(Integer.MAX_VALUE).gpus(Integer.MAX_VALUE).build();
  }
}

package dev.palette.model;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
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

  /** Labels for selecting records with {@code withLabel(key, value)}. */
  Map<String, String> labels();

  /** Adds to the generated builder {@code namespace(n -> n.namespace("train").cpuMillicores(6000))}. */
  abstract class Builder {
    /** Adds one namespace allocation; generated. */
    public abstract WorkspaceSpec.Builder addNamespace(NamespaceAllocation namespace);

    /** Sets the quota; generated. */
    public abstract WorkspaceSpec.Builder quota(NamespaceAllocation quota);

    /** Adds the namespace allocation that {@code namespace} describes on a fresh builder. */
    public WorkspaceSpec.Builder namespace(Consumer<NamespaceAllocation.Builder> namespace) {
      NamespaceAllocation.Builder builder = NamespaceAllocation.builder();
      namespace.accept(builder);
      return addNamespace(builder.build());
    }

    /** Sets the quota that {@code quota} describes on a builder whose namespace is {@code *}. */
    public WorkspaceSpec.Builder quota(Consumer<NamespaceAllocation.Builder> quota) {
      NamespaceAllocation.Builder builder = NamespaceAllocation.builder().namespace("*");
      quota.accept(builder);
      return quota(builder.build());
    }
  }
}

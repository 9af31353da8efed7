package dev.palette.model;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.immutables.value.Value;

/** The desired state of a host cluster. */
@Value.Immutable
@PaletteStyle
@JsonSerialize(as = HostClusterSpec.class)
@JsonDeserialize(as = HostClusterSpec.class)
public interface HostClusterSpecDef {
  /** A short description for logs and debuggers, which {@code toString()} returns; never a secret. */
  default String summary() {
    return Summary.of("HostClusterSpec", name(), cloudType(), region(), "account " + cloudAccount(),
        Summary.count(nodePools().size(), "pool"),
        Summary.count(nodePools().stream().mapToLong(NodePoolSpec::size).sum(), "node"));
  }

  String name();

  /** The provider id that provisions the cluster, for example {@code sandbox}. */
  String cloudType();

  /** The name of a cloud account of the same cloud type, in the cluster's project or the tenant. */
  String cloudAccount();

  /**
   * The cloud region, for example {@code us-east-1}; empty by default, for the account's region
   * (its {@code region} setting). The provider checks it.
   */
  @Value.Default
  default String region() {
    return "";
  }

  /** The availability zones the nodes are spread over; none by default, for the provider's choice. */
  List<String> zones();

  /**
   * The Kubernetes version, for example {@code 1.31}; empty by default, for the provider's default.
   */
  @Value.Default
  default String kubernetesVersion() {
    return "";
  }

  /**
   * What only the cluster's cloud understands (a VPC and subnets, a vSphere placement, edge hosts),
   * as the provider module's own type; {@code null} by default, for the provider's defaults. The
   * provider validates it.
   */
  @Nullable
  ProviderConfig providerConfig();

  List<ProfileRef> profiles();

  List<NodePoolSpec> nodePools();

  /** Tags put on every cloud resource of the cluster. */
  Map<String, String> tags();

  Map<String, String> labels();

  /** The pool with this name, if the spec has one. */
  default Optional<NodePoolSpec> nodePool(String poolName) {
    return nodePools().stream().filter(p -> p.name().equals(poolName)).findFirst();
  }

  /** Total nodes over every pool. */
  default int nodeCount() {
    return nodePools().stream().mapToInt(NodePoolSpec::size).sum();
  }

  /**
   * Adds to the generated {@link HostClusterSpec.Builder} an overload per nested value, so a pool or
   * a profile reference is built in place: {@code nodePool(p -> p.name("worker").size(3))}.
   */
  abstract class Builder {
    /** Adds one node pool; generated. */
    public abstract HostClusterSpec.Builder addNodePool(NodePoolSpec pool);

    /** Adds one profile reference; generated. */
    public abstract HostClusterSpec.Builder addProfile(ProfileRef profile);

    /** Adds the node pool that {@code pool} describes on a fresh {@link NodePoolSpec.Builder}. */
    public HostClusterSpec.Builder nodePool(Consumer<NodePoolSpec.Builder> pool) {
      NodePoolSpec.Builder builder = NodePoolSpec.builder();
      pool.accept(builder);
      return addNodePool(builder.build());
    }

    /** Adds the profile reference that {@code profile} describes on a fresh {@link ProfileRef.Builder}. */
    public HostClusterSpec.Builder profile(Consumer<ProfileRef.Builder> profile) {
      ProfileRef.Builder builder = ProfileRef.builder();
      profile.accept(builder);
      return addProfile(builder.build());
    }

    /** Adds a reference to the cluster profile {@code name} at {@code version}. */
    public HostClusterSpec.Builder profile(String name, String version) {
      return addProfile(ProfileRef.of(name, version));
    }
  }
}

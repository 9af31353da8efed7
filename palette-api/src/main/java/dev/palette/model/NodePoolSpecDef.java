package dev.palette.model;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.Map;
import org.immutables.value.Value;

/** A group of identical nodes in a host cluster. */
@Value.Immutable
@PaletteStyle
@JsonSerialize(as = NodePoolSpec.class)
@JsonDeserialize(as = NodePoolSpec.class)
public interface NodePoolSpecDef {
  /** A short description for logs and debuggers, which {@code toString()} returns; never a secret. */
  default String summary() {
    return Summary.of("NodePoolSpec", name(), size() + " x " + instanceType(),
        controlPlane() ? "control plane" : "");
  }

  String name();

  /** Number of nodes; zero is allowed for worker pools. */
  int size();

  @Value.Default
  default boolean controlPlane() {
    return false;
  }

  /** The provider's instance type, for example {@code sandbox.medium} or {@code m5.xlarge}. */
  String instanceType();

  @Value.Default
  default int diskGiB() {
    return 60;
  }

  Map<String, String> labels();
}

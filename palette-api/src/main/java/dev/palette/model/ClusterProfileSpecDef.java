package dev.palette.model;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.immutables.value.Value;

/** The desired state of a cluster profile: a named, versioned stack of pack layers for one cloud. */
@Value.Immutable
@PaletteStyle
@JsonSerialize(as = ClusterProfileSpec.class)
@JsonDeserialize(as = ClusterProfileSpec.class)
public interface ClusterProfileSpecDef {
  /** A short description for logs and debuggers, which {@code toString()} returns; never a secret. */
  default String summary() {
    return Summary.of("ClusterProfileSpec", name() + ":" + version(), cloudType(),
        Summary.count(layers().size(), "layer"));
  }

  String name();

  @Value.Default
  default String version() {
    return "1.0.0";
  }

  @Value.Default
  default ProfileType type() {
    return ProfileType.FULL;
  }

  /** One cloud type, or {@code all} for add-on profiles. */
  String cloudType();

  @Value.Default
  default String description() {
    return "";
  }

  List<PackLayer> layers();

  Map<String, String> labels();

  /** Adds to the generated builder {@code layer(l -> l.layer(LayerType.OS).name("ubuntu")...)}. */
  abstract class Builder {
    /** Adds one layer; generated. */
    public abstract ClusterProfileSpec.Builder addLayer(PackLayer layer);

    /** Adds the layer that {@code layer} describes on a fresh {@link PackLayer.Builder}. */
    public ClusterProfileSpec.Builder layer(Consumer<PackLayer.Builder> layer) {
      PackLayer.Builder builder = PackLayer.builder();
      layer.accept(builder);
      return addLayer(builder.build());
    }
  }
}

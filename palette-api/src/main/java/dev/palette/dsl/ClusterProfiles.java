package dev.palette.dsl;

import dev.palette.model.ClusterProfile;
import dev.palette.model.ClusterProfileSpec;
import java.util.function.Consumer;

/**
 * Cluster profiles in one scope; a profile is identified by name and version, and a published
 * version never changes: a change is a new version.
 */
public interface ClusterProfiles extends Listable<ClusterProfile> {
  ClusterProfile create(ClusterProfileSpec spec);

  default ClusterProfile create(Consumer<ClusterProfileSpec.Builder> spec) {
    return create(Specs.build("ClusterProfile", ClusterProfileSpec.builder(), spec, ClusterProfileSpec.Builder::build));
  }

  NamedResource<ClusterProfile> withName(String name, String version);
}

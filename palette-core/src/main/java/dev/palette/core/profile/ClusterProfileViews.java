package dev.palette.core.profile;

import dev.palette.core.frontdoor.Views;
import dev.palette.dsl.ClusterProfiles;
import dev.palette.dsl.NamedResource;
import dev.palette.model.ClusterProfile;
import dev.palette.model.ClusterProfileSpec;

/** Cluster profiles of one scope: generic, except that a version is named by name and version. */
public final class ClusterProfileViews {
  private ClusterProfileViews() {}

  /** The profiles of {@code project} ({@code ""}: the tenant). */
  public static ClusterProfiles inScope(Views.Caller caller, String project) {
    return new ProfilesView(caller, project);
  }

  private static final class ProfilesView extends Views.ListView<ClusterProfile> implements ClusterProfiles {
    ProfilesView(Views.Caller caller, String project) {
      super(caller, ClusterProfileKind.DESCRIPTOR, project);
    }

    @Override
    public ClusterProfile create(ClusterProfileSpec spec) {
      return caller.door().create(caller.principal(), ClusterProfileKind.DESCRIPTOR, project, spec);
    }

    @Override
    public NamedResource<ClusterProfile> withName(String name, String version) {
      String stored = ClusterProfileKind.storedName(name, version);
      return new Views.Deletable<>(caller, ClusterProfileKind.DESCRIPTOR, project, stored,
          () -> caller.door().delete(caller.principal(), ClusterProfileKind.DESCRIPTOR, project, stored));
    }
  }
}

package dev.palette.dsl;

import dev.palette.model.ClusterProfile;

/** One version of a cluster profile. */
public interface ClusterProfileResource extends NamedResource<ClusterProfile> {
  /**
   * Deletes this version.
   *
   * @throws dev.palette.error.ConflictException while a host cluster still uses it
   */
  void delete();
}

package dev.palette.dsl;

import dev.palette.model.Team;
import dev.palette.model.TeamSpec;

/** One team and its members. */
public interface TeamResource extends UpdatableResource<Team, TeamSpec.Builder> {
  /** Adds a user to the team; adding a member twice changes nothing. */
  Team addMember(String user);

  Team removeMember(String user);
}

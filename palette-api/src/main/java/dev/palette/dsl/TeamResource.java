package dev.palette.dsl;

import dev.palette.model.Team;

/** One team and its members. */
public interface TeamResource extends NamedResource<Team> {
  /** Adds a user to the team; adding a member twice changes nothing. */
  Team addMember(String user);

  Team removeMember(String user);
}

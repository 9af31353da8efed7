package dev.palette.dsl;

import dev.palette.model.Team;
import dev.palette.model.TeamSpec;

/** Teams of the tenant. */
public interface Teams extends Resources<Team, TeamSpec, TeamSpec.Builder> {
  @Override
  TeamResource withName(String name);
}

package dev.palette.dsl;

import dev.palette.model.Team;
import dev.palette.model.TeamSpec;
import java.util.function.Consumer;

/** Teams of the tenant. */
public interface Teams extends Listable<Team> {
  Team create(TeamSpec spec);

  default Team create(Consumer<TeamSpec.Builder> spec) {
    return create(Specs.build("Team", TeamSpec.builder(), spec, TeamSpec.Builder::build));
  }

  TeamResource withName(String name);
}

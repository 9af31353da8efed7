package dev.palette.dsl;

import dev.palette.model.Team;
import dev.palette.model.TeamSpec;
import java.util.function.Consumer;

/** Teams of the tenant. */
public interface Teams extends Listable<Team> {
  Team create(TeamSpec spec);

  default Team create(Consumer<TeamSpec.Builder> spec) {
    TeamSpec.Builder builder = TeamSpec.builder();
    spec.accept(builder);
    return create(builder.build());
  }

  TeamResource withName(String name);
}

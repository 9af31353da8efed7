package dev.palette.core.tenancy;

import static dev.palette.core.kind.Limits.shown;

import dev.palette.Principal;
import dev.palette.core.frontdoor.Action;
import dev.palette.core.frontdoor.FrontDoor;
import dev.palette.core.kind.Violations;
import dev.palette.error.ConflictException;
import dev.palette.model.Metadata;
import dev.palette.model.Team;
import java.util.ArrayList;
import java.util.List;

/** Adds and removes one team member, by compare-and-set, audited as a change of the team. */
final class TeamMembers {
  private static final int ATTEMPTS = 8;

  private TeamMembers() {}

  static Team change(FrontDoor door, Principal caller, String team, String user, boolean add) {
    Action action = Action.of(TeamKind.DESCRIPTOR, "update");
    door.guard().check(caller, action, "", team);
    Violations v = new Violations();
    if (add) {
      TeamKind.checkMembers(door.context(), v, List.of(user));
    }
    v.throwIfAny("Team " + shown(team) + " member");
    for (int attempt = 1; ; attempt++) {
      Team current = door.records().require(TeamKind.DESCRIPTOR.record(), "", team);
      List<String> members = new ArrayList<>(current.spec().members());
      boolean changed = add ? !members.contains(user) && members.add(user) : members.remove(user);
      if (!changed) {
        return current;
      }
      Metadata m = current.metadata();
      try {
        return door.guard().update(caller, action, "", team, TeamKind.DESCRIPTOR.record(),
            current.withSpec(current.spec().withMembers(members))
                .withMetadata(m.withGeneration(m.generation() + 1).withUpdatedAt(door.clock().instant())),
            w -> (add ? "added " : "removed ") + user + (add ? " to" : " from") + " team " + team);
      } catch (ConflictException e) {
        if (attempt == ATTEMPTS) {
          throw e;
        }
      }
    }
  }
}

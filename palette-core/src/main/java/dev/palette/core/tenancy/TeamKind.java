package dev.palette.core.tenancy;

import static dev.palette.core.kind.Limits.shown;

import dev.palette.core.kind.KindContext;
import dev.palette.core.kind.KindDescriptor;
import dev.palette.core.kind.Limits;
import dev.palette.core.kind.Scope;
import dev.palette.core.kind.Violations;
import dev.palette.core.record.RecordKind;
import dev.palette.model.RoleBinding;
import dev.palette.model.SubjectKind;
import dev.palette.model.Team;
import dev.palette.model.TeamSpec;
import dev.palette.model.TenantLimits;
import java.util.List;

/** Teams: tenant-scoped groups of existing users; a team cannot be deleted while it holds bindings. */
public final class TeamKind {
  /** The team kind. */
  public static final KindDescriptor<Team, TeamSpec, TeamSpec.Builder> DESCRIPTOR =
      KindDescriptor.<Team, TeamSpec, TeamSpec.Builder>builder(RecordKind.TEAM)
          .scope(Scope.TENANT)
          .resource("team")
          .limit("teams", TenantLimits::teams)
          .name(TeamSpec::name, TeamSpec::labels)
          .model((m, spec) -> Team.builder().metadata(m).spec(spec).build(), Team::withSpec)
          .specBuilder(TeamSpec::builder, TeamSpec::toBuilder, TeamSpec.Builder::build)
          .validator((context, v, project, before, spec) -> {
            v.description("description", spec.description());
            checkMembers(context, v, spec.members());
          })
          .messages(t -> "created team " + t.name() + " with " + t.spec().members().size() + " member(s)",
              (before, after) -> "updated team " + after.name() + " to " + after.spec().members().size()
                  + " member(s)")
          .deleteCheck((context, team) -> {
            List<String> bindings = context.records().list(RecordKind.ROLE_BINDING, "").stream()
                .filter(b -> b.spec().subjectKind() == SubjectKind.TEAM && b.spec().subject().equals(team.name()))
                .map(RoleBinding::name).toList();
            return bindings.isEmpty() ? null
                : "Team " + team.name() + " still holds role bindings " + bindings + "; delete them first";
          })
          .build();

  private TeamKind() {}

  /** Every member is an existing user. */
  static void checkMembers(KindContext context, Violations v, List<String> members) {
    v.count("members", members.size(), Limits.LIST_ENTRIES);
    for (int i = 0; i < members.size() && i < Limits.LIST_ENTRIES; i++) {
      String member = members.get(i);
      if (!UserKind.USER_NAME.matcher(member).matches()
          || context.records().getByName(RecordKind.USER, "", member).isEmpty()) {
        v.add("members[" + i + "]", "no user " + shown(member) + "; create the user first");
      }
    }
  }
}

package dev.palette.core.rbac;

import dev.palette.core.record.RecordCodec;
import dev.palette.core.record.RecordKind;
import dev.palette.core.record.Records;
import dev.palette.core.store.MemoryStateStore;
import dev.palette.model.Metadata;
import dev.palette.model.Project;
import dev.palette.model.ProjectSpec;
import dev.palette.model.Role;
import dev.palette.model.RoleBinding;
import dev.palette.model.RoleBindingSpec;
import dev.palette.model.RoleScope;
import dev.palette.model.RoleSpec;
import dev.palette.model.SubjectKind;
import dev.palette.model.Team;
import dev.palette.model.TeamSpec;
import dev.palette.model.User;
import dev.palette.model.UserSpec;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Writes users, teams, roles, bindings and projects straight into a memory store, as the facade would. */
final class TenancyRecords {
  /** The built-in roles of the engine's standard vocabulary. */
  static final BuiltInRoles ROLES = new BuiltInRoles(new Permissions(StandardResources.all()));

  private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");

  final MemoryStateStore store = new MemoryStateStore();
  final RecordCodec codec = new RecordCodec();
  final Records records = new Records(store, codec);

  User user(String name) {
    return records.create(RecordKind.USER, User.builder()
        .metadata(metadata(User.KIND, name)).spec(UserSpec.builder().name(name).build()).build());
  }

  Team team(String name, String... members) {
    return records.create(RecordKind.TEAM, Team.builder().metadata(metadata(Team.KIND, name))
        .spec(TeamSpec.builder().name(name).members(List.of(members)).build()).build());
  }

  Team members(String team, String... members) {
    Team current = records.getByName(RecordKind.TEAM, "", team).orElseThrow();
    return records.update(RecordKind.TEAM,
        current.withSpec(current.spec().withMembers(List.of(members))));
  }

  Role role(String name, RoleScope scope, String... permissions) {
    RoleSpec spec = RoleSpec.builder().name(name).scope(scope).permissions(Set.of(permissions)).build();
    return records.create(RecordKind.ROLE, Role.builder()
        .metadata(metadata(Role.KIND, BuiltInRoles.slug(name))).spec(spec).build());
  }

  RoleBinding bindUser(String user, String role, String project) {
    return bind(SubjectKind.USER, user, role, project);
  }

  RoleBinding bindTeam(String team, String role, String project) {
    return bind(SubjectKind.TEAM, team, role, project);
  }

  RoleBinding bind(SubjectKind kind, String subject, String role, String project) {
    RoleBindingSpec spec = RoleBindingSpec.builder()
        .subjectKind(kind).subject(subject).role(role).project(project).build();
    String name = kind.name().toLowerCase() + "-" + subject + "-" + BuiltInRoles.slug(role)
        + (project.isEmpty() ? "" : "-" + project);
    return records.create(RecordKind.ROLE_BINDING,
        RoleBinding.builder().metadata(metadata(RoleBinding.KIND, name)).spec(spec).build());
  }

  Project project(String name) {
    return records.create(RecordKind.PROJECT, Project.builder()
        .metadata(metadata(Project.KIND, name)).spec(ProjectSpec.builder().name(name).build()).build());
  }

  private static Metadata metadata(String kind, String name) {
    return Metadata.builder().kind(kind).id(UUID.randomUUID().toString()).name(name).project("")
        .createdAt(NOW).updatedAt(NOW).build();
  }
}

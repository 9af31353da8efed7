package dev.palette.core.tenancy;

import dev.palette.core.frontdoor.Action;
import dev.palette.core.frontdoor.Views;
import dev.palette.core.rbac.BuiltInRoles;
import dev.palette.dsl.NamedResource;
import dev.palette.dsl.Resources;
import dev.palette.dsl.RoleBindings;
import dev.palette.dsl.TeamResource;
import dev.palette.dsl.Teams;
import dev.palette.dsl.UpdatableResource;
import dev.palette.error.ConflictException;
import dev.palette.error.NotFoundException;
import dev.palette.model.Role;
import dev.palette.model.RoleBinding;
import dev.palette.model.RoleBindingSpec;
import dev.palette.model.RoleSpec;
import dev.palette.model.SubjectKind;
import dev.palette.model.Team;
import dev.palette.model.TeamSpec;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Where tenancy kinds differ from the generic collections: team members, the built-in roles, and
 * role bindings addressed by what they bind and authorized in the scope they grant in.
 */
public final class TenancyViews {
  private TenancyViews() {}

  public static Teams teams(Views.Caller caller) {
    return new TeamsView(caller);
  }

  public static Resources<Role, RoleSpec, RoleSpec.Builder> roles(Views.Caller caller) {
    return new RolesView(caller);
  }

  public static RoleBindings roleBindings(Views.Caller caller) {
    return new RoleBindingsView(caller);
  }

  private static final class TeamsView extends Views.Collection<Team, TeamSpec, TeamSpec.Builder> implements Teams {
    TeamsView(Views.Caller caller) {
      super(caller, TeamKind.DESCRIPTOR, "");
    }

    @Override
    public TeamResource withName(String name) {
      return new TeamView(caller, name);
    }
  }

  private static final class TeamView extends Views.Editable<Team, TeamSpec, TeamSpec.Builder>
      implements TeamResource {
    TeamView(Views.Caller caller, String name) {
      super(caller, TeamKind.DESCRIPTOR, "", name);
    }

    @Override
    public Team addMember(String user) {
      return TeamMembers.change(caller.door(), caller.principal(), name, user, true);
    }

    @Override
    public Team removeMember(String user) {
      return TeamMembers.change(caller.door(), caller.principal(), name, user, false);
    }
  }

  /** Roles differ in two ways: the list holds the built-in roles, and those cannot change. */
  private static final class RolesView extends Views.Collection<Role, RoleSpec, RoleSpec.Builder> {
    RolesView(Views.Caller caller) {
      super(caller, RoleKind.DESCRIPTOR, "");
    }

    @Override
    public List<Role> list() {
      if (!caller.door().guard().allowed(caller.principal(), Action.of(kind, "list"), "")) {
        return List.of();
      }
      return Stream.concat(builtIn(caller).all().stream(), super.list().stream())
          .sorted(Comparator.comparing(Role::name))
          .toList();
    }

    @Override
    public UpdatableResource<Role, RoleSpec.Builder> withName(String name) {
      return new RoleView(caller, name);
    }
  }

  private static final class RoleView extends Views.Editable<Role, RoleSpec, RoleSpec.Builder> {
    private final String role;

    RoleView(Views.Caller caller, String role) {
      super(caller, RoleKind.DESCRIPTOR, "", BuiltInRoles.slug(role));
      this.role = role;
    }

    @Override
    public Optional<Role> get() {
      caller.door().guard().check(caller.principal(), Action.of(kind, "get"), "", role);
      Optional<Role> builtIn = builtIn(caller).all().stream().filter(r -> r.name().equals(role)).findFirst();
      return builtIn.isPresent() ? builtIn : caller.door().records().getByName(kind.record(), "", name);
    }

    @Override
    public Role require() {
      return get().orElseThrow(() -> new NotFoundException("Role " + role + " does not exist"));
    }

    @Override
    public Role update(Consumer<RoleSpec.Builder> changes) {
      caller.door().guard().check(caller.principal(), Action.of(kind, "update"), "", role);
      if (builtIn(caller).find(role).isPresent()) {
        throw new ConflictException("Role " + role + " is built in; it cannot be updated; create a custom role instead");
      }
      requireCustom();
      return super.update(changes);
    }

    @Override
    public void delete() {
      caller.door().guard().check(caller.principal(), Action.of(kind, "delete"), "", role);
      if (builtIn(caller).find(role).isPresent()) {
        throw new ConflictException("Role " + role + " is built in; it cannot be deleted");
      }
      requireCustom();
      super.delete();
    }

    private void requireCustom() {
      if (caller.door().records().getByName(kind.record(), "", name).isEmpty()) {
        throw new NotFoundException("Role " + role + " does not exist");
      }
    }
  }

  /** Role bindings are addressed by what they bind; their stored name stays the front door's business. */
  private static final class RoleBindingsView extends Views.ListView<RoleBinding> implements RoleBindings {
    RoleBindingsView(Views.Caller caller) {
      super(caller, RoleBindingKind.DESCRIPTOR, "");
    }

    @Override
    public RoleBinding create(RoleBindingSpec spec) {
      return caller.door().create(caller.principal(), RoleBindingKind.DESCRIPTOR, "", spec.project(), spec);
    }

    @Override
    public NamedResource<RoleBinding> binding(SubjectKind kind, String subject, String role, String project) {
      RoleBindingSpec bound = RoleBindingSpec.builder().subjectKind(kind).subject(subject).role(role)
          .project(project).build();
      String name = RoleBindingKind.name(bound);
      return new Views.Deletable<>(caller, RoleBindingKind.DESCRIPTOR, "", name, () -> {
        caller.door().guard().check(caller.principal(), Action.of(RoleBindingKind.DESCRIPTOR, "delete"), project,
            name);
        if (caller.door().records().getByName(RoleBindingKind.DESCRIPTOR.record(), "", name).isEmpty()) {
          throw new NotFoundException(RoleBindingKind.subject(bound) + " holds no role " + role + " in "
              + RoleBindingKind.scope(project));
        }
        caller.door().delete(caller.principal(), RoleBindingKind.DESCRIPTOR, "", project, name);
      });
    }
  }

  private static BuiltInRoles builtIn(Views.Caller caller) {
    return caller.door().context().service(BuiltInRoles.class);
  }
}

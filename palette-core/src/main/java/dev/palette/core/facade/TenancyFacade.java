package dev.palette.core.facade;

import static dev.palette.core.facade.Limits.shown;

import dev.palette.Principal;
import dev.palette.Subscription;
import dev.palette.core.audit.AuditTrail;
import dev.palette.core.cost.CostService;
import dev.palette.core.rbac.Authorizer;
import dev.palette.core.rbac.BuiltInRoles;
import dev.palette.core.rbac.Permissions;
import dev.palette.core.record.RecordKind;
import dev.palette.core.record.Records;
import dev.palette.core.tenancy.TenantLimitGuard;
import dev.palette.dsl.Specs;
import dev.palette.error.ConflictException;
import dev.palette.error.NotFoundException;
import dev.palette.model.AuditEvent;
import dev.palette.model.AuditQuery;
import dev.palette.model.AuditVerification;
import dev.palette.model.CostGroup;
import dev.palette.model.CostReport;
import dev.palette.model.Metadata;
import dev.palette.model.NamespaceAllocation;
import dev.palette.model.RateCard;
import dev.palette.model.Resource;
import dev.palette.model.Role;
import dev.palette.model.RoleBinding;
import dev.palette.model.RoleBindingSpec;
import dev.palette.model.RoleSpec;
import dev.palette.model.SubjectKind;
import dev.palette.model.Team;
import dev.palette.model.TeamSpec;
import dev.palette.model.TenantLimits;
import dev.palette.model.User;
import dev.palette.model.UserSpec;
import dev.palette.model.Workspace;
import dev.palette.model.WorkspaceSpec;
import java.io.Writer;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The tenancy half of the facade: users, teams, roles and bindings, workspaces, tenant limits, and
 * the audit log and cost reports. Same rules as {@link Facade}: check, validate, write, audit.
 */
public final class TenancyFacade {
  private static final Pattern USER_NAME = Pattern.compile("[a-z0-9][a-z0-9._@-]{0,127}");

  private final Records records;
  private final Guard guard;
  private final Authorizer authorizer;
  private final AuditTrail audit;
  private final CostService costs;
  private final TenantLimitGuard limits;
  private final Creates creates;
  private final Dependents dependents;
  private final Clock clock;

  TenancyFacade(Records records, Guard guard, Authorizer authorizer, AuditTrail audit, CostService costs,
      TenantLimitGuard limits, Creates creates, Dependents dependents, Clock clock) {
    this.records = records;
    this.creates = creates;
    this.dependents = dependents;
    this.guard = guard;
    this.authorizer = authorizer;
    this.audit = audit;
    this.costs = costs;
    this.limits = limits;
    this.clock = clock;
  }

  // ---- users and teams ----

  User createUser(Principal caller, UserSpec spec) {
    guard.check(caller, Action.USER_CREATE, "", spec.name());
    Violations v = new Violations();
    if (!USER_NAME.matcher(spec.name()).matches()) {
      v.add("name", shown(spec.name()) + " is not allowed; use 1 to 128 lowercase letters, digits and . _ @ -,"
          + " starting with a letter or digit");
    }
    v.line("displayName", spec.displayName(), Limits.DISPLAY_NAME_LENGTH);
    v.email("email", spec.email());
    v.throwIfAny("User " + shown(spec.name()));
    return creates.create(caller, Action.USER_CREATE, "", spec.name(), RecordKind.USER,
        User.builder().metadata(metadata(User.KIND, "", spec.name(), spec.labels(), caller)).spec(spec).build(),
        List.of(), "created user " + spec.name());
  }

  User updateUser(Principal caller, String name, Consumer<UserSpec.Builder> changes) {
    guard.check(caller, Action.USER_UPDATE, "", name);
    SpecUpdate.Change<User> change = SpecUpdate.USER.apply(records, clock, "", name,
        spec -> Specs.build(spec.toBuilder(), changes, UserSpec.Builder::build), (v, before, after) -> { },
        next -> guard.update(caller, Action.USER_UPDATE, "", name, RecordKind.USER, next,
            r -> "updated user " + name));
    return change.after();
  }

  void deleteUser(Principal caller, String name) {
    guard.check(caller, Action.USER_DELETE, "", name);
    User user = require(RecordKind.USER, "", name);
    List<String> uses = new ArrayList<>();
    bindingsOf(SubjectKind.USER, name).forEach(b -> uses.add("role binding " + b.name()));
    records.list(RecordKind.TEAM, "").stream().filter(t -> t.spec().members().contains(name))
        .forEach(t -> uses.add("team " + t.name()));
    if (!uses.isEmpty()) {
      throw new ConflictException("User " + name + " is still in " + uses + "; remove it from them first");
    }
    guard.delete(caller, Action.USER_DELETE, "", name, user, "deleted user " + name);
  }

  Team createTeam(Principal caller, TeamSpec spec) {
    guard.check(caller, Action.TEAM_CREATE, "", spec.name());
    Violations v = new Violations();
    v.name("name", spec.name());
    v.description("description", spec.description());
    checkMembers(v, spec.members());
    v.throwIfAny("Team " + shown(spec.name()));
    return creates.create(caller, Action.TEAM_CREATE, "", spec.name(), RecordKind.TEAM,
        Team.builder().metadata(metadata(Team.KIND, "", spec.name(), spec.labels(), caller)).spec(spec).build(),
        List.of(),
        "created team " + spec.name() + " with " + spec.members().size() + " member(s)");
  }

  Team changeMembers(Principal caller, String team, String user, boolean add) {
    guard.check(caller, Action.TEAM_UPDATE, "", team);
    Violations v = new Violations();
    if (add) {
      checkMembers(v, List.of(user));
    }
    v.throwIfAny("Team " + shown(team) + " member");
    for (int attempt = 1; ; attempt++) {
      Team current = require(RecordKind.TEAM, "", team);
      List<String> members = new ArrayList<>(current.spec().members());
      boolean changed = add ? !members.contains(user) && members.add(user) : members.remove(user);
      if (!changed) {
        return current;
      }
      Metadata m = current.metadata();
      try {
        return guard.update(caller, Action.TEAM_UPDATE, "", team, RecordKind.TEAM,
            current.withSpec(current.spec().withMembers(members))
                .withMetadata(m.withGeneration(m.generation() + 1).withUpdatedAt(clock.instant())),
            w -> (add ? "added " : "removed ") + user + (add ? " to" : " from") + " team " + team);
      } catch (ConflictException e) {
        if (attempt == 8) {
          throw e;
        }
      }
    }
  }

  Team updateTeam(Principal caller, String name, Consumer<TeamSpec.Builder> changes) {
    guard.check(caller, Action.TEAM_UPDATE, "", name);
    SpecUpdate.Change<Team> change = SpecUpdate.TEAM.apply(records, clock, "", name,
        spec -> Specs.build(spec.toBuilder(), changes, TeamSpec.Builder::build),
        (v, before, after) -> checkMembers(v, after.members()),
        next -> guard.update(caller, Action.TEAM_UPDATE, "", name, RecordKind.TEAM, next,
            r -> "updated team " + name + " to "
                + r.spec().members().size() + " member(s)"));
    return change.after();
  }

  void deleteTeam(Principal caller, String name) {
    guard.check(caller, Action.TEAM_DELETE, "", name);
    Team team = require(RecordKind.TEAM, "", name);
    List<String> bindings = bindingsOf(SubjectKind.TEAM, name).map(RoleBinding::name).toList();
    if (!bindings.isEmpty()) {
      throw new ConflictException("Team " + name + " still holds role bindings " + bindings + "; delete them first");
    }
    guard.delete(caller, Action.TEAM_DELETE, "", name, team, "deleted team " + name);
  }

  // ---- roles and bindings ----

  List<Role> roles(Principal caller) {
    if (!guard.allowed(caller, Action.ROLE_LIST, "")) {
      return List.of();
    }
    return Stream.concat(BuiltInRoles.all().stream(), records.list(RecordKind.ROLE, "").stream())
        .sorted(java.util.Comparator.comparing(Role::name))
        .toList();
  }

  Optional<Role> role(Principal caller, String name) {
    guard.check(caller, Action.ROLE_GET, "", name);
    return findRole(name);
  }

  Role createRole(Principal caller, RoleSpec spec) {
    guard.check(caller, Action.ROLE_CREATE, "", spec.name());
    Violations v = new Violations();
    if (spec.name().length() > Limits.ROLE_NAME_LENGTH || !Limits.ROLE_NAME.matcher(spec.name()).matches()) {
      v.add("name", shown(spec.name()) + " is not allowed; use 1 to " + Limits.ROLE_NAME_LENGTH
          + " letters, digits, spaces, '.', '_' and '-', starting and ending with a letter or digit");
    } else if (BuiltInRoles.isBuiltIn(spec.name())) {
      // Names are compared as slugs, so "cluster  viewer" would shadow the built-in Cluster Viewer.
      v.add("name", shown(spec.name()) + " is the name of the built-in role "
          + BuiltInRoles.find(spec.name()).map(RoleSpec::name).orElse(spec.name())
          + "; built-in role names are reserved, whatever their case and spacing");
    } else if (findRole(spec.name()).isPresent()) {
      v.add("name", "a role named " + shown(spec.name()) + " already exists");
    }
    v.description("description", spec.description());
    checkPermissions(v, spec);
    v.throwIfAny("Role " + shown(spec.name()));
    return creates.create(caller, Action.ROLE_CREATE, "", spec.name(), RecordKind.ROLE, Role.builder()
        .metadata(metadata(Role.KIND, "", BuiltInRoles.slug(spec.name()), spec.labels(), caller)).spec(spec).build(),
        List.of(),
        "created role " + spec.name() + " granting " + new java.util.TreeSet<>(spec.permissions()));
  }

  Role updateRole(Principal caller, String name, Consumer<RoleSpec.Builder> changes) {
    guard.check(caller, Action.ROLE_UPDATE, "", name);
    if (BuiltInRoles.find(name).isPresent()) {
      throw new ConflictException("Role " + name + " is built in; it cannot be updated; create a custom role instead");
    }
    if (records.getByName(RecordKind.ROLE, "", BuiltInRoles.slug(name)).isEmpty()) {
      throw new NotFoundException("Role " + name + " does not exist");
    }
    SpecUpdate.Change<Role> change = SpecUpdate.ROLE.apply(records, clock, "", BuiltInRoles.slug(name),
        spec -> Specs.build(spec.toBuilder(), changes, RoleSpec.Builder::build),
        (v, before, after) -> checkPermissions(v, after),
        next -> guard.update(caller, Action.ROLE_UPDATE, "", name, RecordKind.ROLE, next,
            r -> "updated role " + name + " to grant "
                + new java.util.TreeSet<>(r.spec().permissions())));
    return change.after();
  }

  void deleteRole(Principal caller, String name) {
    guard.check(caller, Action.ROLE_DELETE, "", name);
    if (BuiltInRoles.find(name).isPresent()) {
      throw new ConflictException("Role " + name + " is built in; it cannot be deleted");
    }
    Role role = records.getByName(RecordKind.ROLE, "", BuiltInRoles.slug(name))
        .orElseThrow(() -> new NotFoundException("Role " + name + " does not exist"));
    List<String> bindings = records.list(RecordKind.ROLE_BINDING, "").stream()
        .filter(b -> b.spec().role().equals(role.spec().name())).map(RoleBinding::name).toList();
    if (!bindings.isEmpty()) {
      throw new ConflictException("Role " + name + " is bound by " + bindings + "; delete the bindings first");
    }
    guard.delete(caller, Action.ROLE_DELETE, "", name, role, "deleted role " + name);
  }

  RoleBinding createBinding(Principal caller, RoleBindingSpec spec) {
    guard.check(caller, Action.ROLE_BINDING_CREATE, spec.project(), bindingName(spec));
    Violations v = new Violations();
    v.line("subject", spec.subject(), Limits.DISPLAY_NAME_LENGTH);
    v.line("role", spec.role(), Limits.ROLE_NAME_LENGTH);
    if (!spec.project().isEmpty()) {
      v.name("project", spec.project());
    }
    if (v.isEmpty()) {
      v.addAll(authorizer.validateBinding(spec));
    }
    v.throwIfAny("RoleBinding of " + shown(spec.role()) + " to " + shown(spec.subject()));
    String name = bindingName(spec);
    try {
      return creates.create(caller, Action.ROLE_BINDING_CREATE, spec.project(), name, RecordKind.ROLE_BINDING,
          RoleBinding.builder().metadata(metadata(RoleBinding.KIND, "", name, spec.labels(), caller)).spec(spec).build(),
          List.of(), "bound role " + spec.role() + " to " + spec.subjectKind().name().toLowerCase(java.util.Locale.ROOT)
              + " " + spec.subject() + " in " + Guard.scope(spec.project()));
    } catch (ConflictException e) {
      throw new ConflictException(spec.subjectKind().name().toLowerCase(java.util.Locale.ROOT) + " "
          + spec.subject() + " already holds role " + spec.role() + " in " + Guard.scope(spec.project()));
    }
  }

  /** Removes the binding of what {@code bound} binds: its subject, role and scope. */
  void deleteBinding(Principal caller, RoleBindingSpec bound) {
    String name = bindingName(bound);
    guard.check(caller, Action.ROLE_BINDING_DELETE, bound.project(), name);
    String what = bound.subjectKind().name().toLowerCase(java.util.Locale.ROOT) + " " + bound.subject();
    RoleBinding binding = records.getByName(RecordKind.ROLE_BINDING, "", name).orElseThrow(() ->
        new NotFoundException(what + " holds no role " + bound.role() + " in " + Guard.scope(bound.project())));
    guard.delete(caller, Action.ROLE_BINDING_DELETE, bound.project(), name, binding,
        "unbound role " + bound.role() + " from " + what + " in " + Guard.scope(bound.project()));
  }

  /** Bindings are named after what they bind, so one subject holds a role once per scope. */
  static String bindingName(RoleBindingSpec spec) {
    return spec.subjectKind().name().toLowerCase(java.util.Locale.ROOT) + "." + spec.subject() + "."
        + BuiltInRoles.slug(spec.role()) + "." + (spec.project().isEmpty() ? "tenant" : spec.project());
  }

  // ---- workspaces ----

  Workspace createWorkspace(Principal caller, String project, WorkspaceSpec spec) {
    guard.check(caller, Action.WORKSPACE_CREATE, project, spec.name());
    Violations v = new Violations();
    validateWorkspace(v, project, spec);
    v.throwIfAny("Workspace " + shown(spec.name()));
    List<Dependents.Owner> owners = new ArrayList<>();
    owners.add(dependents.owner(RecordKind.PROJECT, records.getByName(RecordKind.PROJECT, "", project),
        "Project " + project));
    spec.clusters().forEach(c -> owners.add(dependents.owner(RecordKind.HOST_CLUSTER,
        records.getByName(RecordKind.HOST_CLUSTER, project, c), "HostCluster " + project + "/" + c)));
    return creates.create(caller, Action.WORKSPACE_CREATE, project, spec.name(), RecordKind.WORKSPACE,
        Workspace.builder().metadata(metadata(Workspace.KIND, project, spec.name(), spec.labels(), caller))
            .spec(spec).build(),
        owners, "created workspace " + spec.name() + " with " + spec.clusters().size() + " cluster(s) and "
            + spec.namespaces().size() + " namespace(s)");
  }

  Workspace updateWorkspace(Principal caller, String project, String name, Consumer<WorkspaceSpec.Builder> changes) {
    guard.check(caller, Action.WORKSPACE_UPDATE, project, name);
    SpecUpdate.Change<Workspace> change = SpecUpdate.WORKSPACE.apply(records, clock, project, name,
        spec -> Specs.build(spec.toBuilder(), changes, WorkspaceSpec.Builder::build),
        (v, before, after) -> validateWorkspace(v, project, after),
        next -> guard.update(caller, Action.WORKSPACE_UPDATE, project, name, RecordKind.WORKSPACE, next,
            r -> "updated workspace " + name + " to "
                + r.spec().clusters().size() + " cluster(s) and " + r.spec().namespaces().size() + " namespace(s)"));
    return change.after();
  }

  private void validateWorkspace(Violations v, String project, WorkspaceSpec spec) {
    v.name("name", spec.name());
    Optional<dev.palette.model.Project> owner = records.getByName(RecordKind.PROJECT, "", project);
    if (owner.isEmpty()) {
      v.add("project", "no project " + shown(project) + "; create it first");
    } else if (owner.get().metadata().deletionRequested()) {
      v.add("project", "project " + project + " is being deleted");
    }
    v.count("clusters", spec.clusters().size(), Limits.LIST_ENTRIES);
    v.count("namespaces", spec.namespaces().size(), Limits.LIST_ENTRIES);
    v.count("imageDenyList", spec.imageDenyList().size(), Limits.LIST_ENTRIES);
    Set<String> clusters = new HashSet<>();
    for (int i = 0; i < spec.clusters().size() && i < Limits.LIST_ENTRIES; i++) {
      String cluster = spec.clusters().get(i);
      if (!clusters.add(cluster)) {
        v.add("clusters[" + i + "]", shown(cluster) + " is listed twice");
      } else if (cluster.length() > Limits.NAME_LENGTH
          || records.getByName(RecordKind.HOST_CLUSTER, project, cluster).isEmpty()) {
        v.add("clusters[" + i + "]", "no host cluster " + shown(cluster) + " in project " + project);
      } else if (records.getByName(RecordKind.HOST_CLUSTER, project, cluster).get().metadata().deletionRequested()) {
        v.add("clusters[" + i + "]", "host cluster " + cluster + " is being deleted");
      }
    }
    Set<String> namespaces = new HashSet<>();
    long cpu = 0;
    long memory = 0;
    long gpus = 0;
    for (int i = 0; i < spec.namespaces().size(); i++) {
      NamespaceAllocation ns = spec.namespaces().get(i);
      String at = "namespaces[" + i + "]";
      v.name(at + ".namespace", ns.namespace());
      if (!namespaces.add(ns.namespace())) {
        v.add(at + ".namespace", shown(ns.namespace()) + " is listed twice");
      }
      if (ns.cpuMillicores() < 0) {
        v.add(at + ".cpuMillicores", "is " + ns.cpuMillicores() + "; must be 0 or more");
      }
      if (ns.memoryMiB() < 0) {
        v.add(at + ".memoryMiB", "is " + ns.memoryMiB() + "; must be 0 or more");
      }
      if (ns.gpus() < 0) {
        v.add(at + ".gpus", "is " + ns.gpus() + "; must be 0 or more");
      }
      cpu += ns.cpuMillicores();
      memory += ns.memoryMiB();
      gpus += ns.gpus();
    }
    NamespaceAllocation quota = spec.quota();
    if (cpu > quota.cpuMillicores()) {
      v.add("quota.cpuMillicores", "namespaces allocate " + cpu + "m CPU, more than the quota of " + quota.cpuMillicores() + "m");
    }
    if (memory > quota.memoryMiB()) {
      v.add("quota.memoryMiB", "namespaces allocate " + memory + " MiB, more than the quota of " + quota.memoryMiB() + " MiB");
    }
    if (gpus > quota.gpus()) {
      v.add("quota.gpus", "namespaces allocate " + gpus + " GPUs, more than the quota of " + quota.gpus());
    }
    for (int i = 0; i < spec.imageDenyList().size(); i++) {
      if (spec.imageDenyList().get(i).isBlank()) {
        v.add("imageDenyList[" + i + "]", "must not be blank; give an image reference or prefix");
      } else {
        v.line("imageDenyList[" + i + "]", spec.imageDenyList().get(i), Limits.LINE_LENGTH);
      }
    }
  }

  void deleteWorkspace(Principal caller, String project, String name) {
    guard.check(caller, Action.WORKSPACE_DELETE, project, name);
    Workspace workspace = require(RecordKind.WORKSPACE, project, name);
    guard.delete(caller, Action.WORKSPACE_DELETE, project, name, workspace, "deleted workspace " + name);
  }

  // ---- tenant, audit, cost ----

  TenantLimits limits() {
    return limits.limits();
  }

  TenantLimits updateLimits(Principal caller, Consumer<TenantLimits.Builder> changes) {
    guard.check(caller, Action.TENANT_LIMITS_UPDATE, "", "limits");
    TenantLimits next = limits.update(
        Specs.build("TenantLimits", limits.limits().toBuilder(), changes, TenantLimits.Builder::build));
    guard.done(caller, Action.TENANT_LIMITS_UPDATE, "", "limits", "updated tenant limits");
    return next;
  }

  List<AuditEvent> auditQuery(Principal caller, AuditQuery query) {
    Predicate<String> visible = auditScope(caller);
    return audit.query(query).stream().filter(e -> visible.test(e.project())).toList();
  }

  AuditVerification auditVerify(Principal caller) {
    guard.check(caller, Action.AUDIT_LIST, "", "verify");
    return audit.verify();
  }

  void auditExport(Principal caller, AuditQuery query, Writer out, boolean csv) {
    guard.check(caller, Action.AUDIT_LIST, "", "export");
    if (csv) {
      audit.exportCsv(query, out);
    } else {
      audit.exportJsonLines(query, out);
    }
  }

  /** Like record watches, each event is authorized when it is appended, with the grants then. */
  Subscription auditWatch(Principal caller, Consumer<AuditEvent> listener) {
    return audit.watch(e -> {
      // Revision 0: decided with the grants applied so far, without waiting under the trail's lock.
      if (guard.allowedAt(caller, Action.AUDIT_LIST, "", 0)
          || (!e.project().isEmpty() && guard.allowedAt(caller, Action.AUDIT_LIST, e.project(), 0))) {
        listener.accept(e);
      }
    });
  }

  // Tenant-level readers see every event; project readers see their projects' events only.
  private Predicate<String> auditScope(Principal caller) {
    if (guard.allowed(caller, Action.AUDIT_LIST, "")) {
      return p -> true;
    }
    Predicate<String> projects = guard.visible(caller, Action.AUDIT_LIST);
    return p -> !p.isEmpty() && projects.test(p);
  }

  RateCard rateCard(Principal caller) {
    guard.check(caller, Action.COST_GET, "", "rate card");
    return costs.rateCard();
  }

  RateCard updateRateCard(Principal caller, RateCard overrides) {
    guard.check(caller, Action.RATE_CARD_UPDATE, "", "rate card");
    RateCard card = costs.updateRateCard(overrides);
    guard.done(caller, Action.RATE_CARD_UPDATE, "", "rate card", "updated the rate card overrides");
    return card;
  }

  CostReport costReport(Principal caller, Instant from, Instant to, CostGroup groupBy) {
    return costs.report(from, to, groupBy, guard.visible(caller, Action.COST_GET));
  }

  // ---- helpers ----

  private static void checkPermissions(Violations v, RoleSpec spec) {
    if (spec.permissions().isEmpty()) {
      v.add("permissions", "must grant at least one permission, such as cluster.get");
    }
    v.count("permissions", spec.permissions().size(), Limits.LIST_ENTRIES);
    if (spec.permissions().stream().anyMatch(p -> p.length() > Limits.NAME_LENGTH || Limits.hasControl(p))) {
      v.add("permissions", "a permission is at most " + Limits.NAME_LENGTH
          + " characters on one line, for example cluster.get");
    } else {
      v.addAll(Permissions.violations("permissions", spec.permissions()));
    }
  }

  private Optional<Role> findRole(String name) {
    Optional<Role> builtIn = BuiltInRoles.all().stream().filter(r -> r.name().equals(name)).findFirst();
    return builtIn.isPresent() ? builtIn : records.getByName(RecordKind.ROLE, "", BuiltInRoles.slug(name));
  }

  private Stream<RoleBinding> bindingsOf(SubjectKind kind, String subject) {
    return records.list(RecordKind.ROLE_BINDING, "").stream()
        .filter(b -> b.spec().subjectKind() == kind && b.spec().subject().equals(subject));
  }

  private void checkMembers(Violations v, List<String> members) {
    v.count("members", members.size(), Limits.LIST_ENTRIES);
    for (int i = 0; i < members.size() && i < Limits.LIST_ENTRIES; i++) {
      String member = members.get(i);
      if (!USER_NAME.matcher(member).matches() || records.getByName(RecordKind.USER, "", member).isEmpty()) {
        v.add("members[" + i + "]", "no user " + shown(member) + "; create the user first");
      }
    }
  }

  private <R extends dev.palette.model.Resource<?>> R require(RecordKind<R> kind, String project, String name) {
    return records.require(kind, project, name);
  }

  private Metadata metadata(
      String kind, String project, String name, Map<String, String> labels, Principal caller) {
    return Records.newMetadata(kind, project, name, labels, caller.name(), clock.instant());
  }
}

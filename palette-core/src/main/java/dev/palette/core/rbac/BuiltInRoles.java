package dev.palette.core.rbac;

import dev.palette.model.Metadata;
import dev.palette.model.Role;
import dev.palette.model.RoleScope;
import dev.palette.model.RoleSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Palette's built-in roles: Admin, Editor and Viewer for each resource whose vocabulary row names
 * project roles, the project and workspace roles, and the tenant roles. Each resource's verbs come
 * from the {@link Permissions} handed in, so an editor role gets a kind's own verbs (a cluster's
 * {@code kubeconfig}) without a line here. They cannot be changed; custom roles may not take
 * their names.
 */
public final class BuiltInRoles {
  private final Permissions permissions;
  private final List<RoleSpec> specs;
  private final Map<String, RoleSpec> bySlug;
  private final List<Role> roles;

  /**
   * @throws IllegalArgumentException when the vocabulary lacks a resource these roles grant on
   *     (project, workspace, user, team, role, roleBinding, audit, cost, clusterGroup,
   *     clusterProfile) or two roles share a slug
   */
  public BuiltInRoles(Permissions permissions) {
    this.permissions = permissions;
    this.specs = define();
    this.bySlug = bySlug(specs);
    this.roles = specs.stream().map(BuiltInRoles::toRole).toList();
  }

  /** The vocabulary these roles were made from, which custom roles are checked against. */
  public Permissions permissions() {
    return permissions;
  }

  /** Every built-in role as a record, marked {@code builtIn}, project roles first. */
  public List<Role> all() {
    return roles;
  }

  /** Every built-in role's spec. */
  public List<RoleSpec> specs() {
    return specs;
  }

  /** The built-in role with this display name or slug, for example {@code Cluster Viewer}. */
  public Optional<RoleSpec> find(String name) {
    return Optional.ofNullable(bySlug.get(slug(name)));
  }

  /** True when the name, or its slug, is taken by a built-in role. */
  public boolean isBuiltIn(String name) {
    return bySlug.containsKey(slug(name));
  }

  /**
   * The name a role is stored under: lowercase with runs of spaces as one dash, so
   * {@code Cluster Admin} is {@code cluster-admin}.
   */
  public static String slug(String roleName) {
    StringBuilder out = new StringBuilder(roleName.length());
    boolean space = false;
    for (char c : roleName.trim().toCharArray()) {
      if (Character.isWhitespace(c)) {
        space = true;
        continue;
      }
      if (space) {
        out.append('-');
        space = false;
      }
      out.append(c);
    }
    return out.toString().toLowerCase(Locale.ROOT);
  }

  private List<RoleSpec> define() {
    for (String resource : List.of("project", "workspace", "user", "team", "role", "roleBinding", "audit",
        "cost", "clusterGroup", "clusterProfile")) {
      if (!permissions.hasResource(resource)) {
        throw new IllegalArgumentException("the built-in roles grant on " + resource
            + ", which the permission vocabulary lacks");
      }
    }
    List<RoleSpec> roles = new ArrayList<>();
    projectResources().forEach((display, resource) -> {
      if (!"project".equals(resource)) {
        roles.add(project(display + " Admin", "Every operation on " + plural(display) + " in the project.",
            Set.of(Permissions.of(resource, "*"))));
        roles.add(project(display + " Editor",
            "Creates, changes and uses " + plural(display) + " in the project, but does not delete them.",
            editor(resource)));
        roles.add(project(display + " Viewer", "Reads " + plural(display) + " in the project.",
            viewer(resource)));
      }
    });
    roles.add(project("Project Admin", "Everything inside the project.", Set.of(Permissions.ALL)));
    roles.add(project("Project Editor",
        "Creates, changes and uses everything inside the project, but deletes nothing.",
        projectEditor()));
    roles.add(project("Project Viewer", "Reads everything inside the project, its audit log and cost.",
        projectViewer()));
    roles.add(project("Workspace Admin", "Every operation on workspaces in the project.",
        Set.of("workspace.*")));
    roles.add(project("Workspace Operator", "Reads workspaces in the project and changes their settings.",
        Set.of("workspace.get", "workspace.list", "workspace.update")));

    roles.add(tenant("Tenant Admin", "Everything in the tenant and in every project.",
        Set.of(Permissions.ALL)));
    roles.add(tenant("Tenant Viewer", "Reads everything in the tenant and in every project.",
        Set.of("*.get", "*.list", "audit.list", "cost.get")));
    roles.add(tenant("Tenant Cluster Group Admin", "Every operation on cluster groups in the tenant.",
        Set.of("clusterGroup.*")));
    roles.add(tenant("Tenant Cluster Group Editor",
        "Creates and changes cluster groups in the tenant, but does not delete them.",
        editor("clusterGroup")));
    roles.add(tenant("Tenant Cluster Group Viewer", "Reads cluster groups in the tenant.",
        viewer("clusterGroup")));
    roles.add(tenant("Tenant Cluster Profile Admin", "Every operation on cluster profiles in the tenant.",
        Set.of("clusterProfile.*")));
    roles.add(tenant("Tenant Project Admin", "Creates, changes and deletes projects.",
        Set.of("project.*")));
    roles.add(tenant("Tenant Role Admin", "Manages custom roles and who holds which role.",
        Set.of("role.*", "roleBinding.*")));
    roles.add(tenant("Tenant Team Admin", "Manages teams and their members.", Set.of("team.*")));
    roles.add(tenant("Tenant User Admin", "Manages the tenant's users.", Set.of("user.*")));
    return List.copyOf(roles);
  }

  /** The resources with their own Admin, Editor and Viewer roles, by display name, in vocabulary order. */
  private Map<String, String> projectResources() {
    Map<String, String> out = new LinkedHashMap<>();
    for (ResourceVerbs row : permissions.rows()) {
      if (!row.roleName().isEmpty()) {
        out.put(row.roleName(), row.resource());
      }
    }
    return out;
  }

  /** Get, list, create, update and the resource's special operations; never delete. */
  private Set<String> editor(String resource) {
    Set<String> out = new LinkedHashSet<>();
    for (String op : permissions.operationsOf(resource)) {
      if (!"delete".equals(op)) {
        out.add(Permissions.of(resource, op));
      }
    }
    return out;
  }

  private static Set<String> viewer(String resource) {
    return Set.of(Permissions.of(resource, "get"), Permissions.of(resource, "list"));
  }

  // Project Editor works inside an existing project: it may read and change it, not create more.
  private Set<String> projectEditor() {
    Set<String> out = new LinkedHashSet<>();
    for (String resource : projectResources().values()) {
      if (!"project".equals(resource)) {
        out.addAll(editor(resource));
      }
    }
    out.addAll(Set.of("project.get", "project.list", "project.update"));
    out.addAll(Set.of("workspace.get", "workspace.list", "workspace.create", "workspace.update"));
    out.addAll(Set.of("audit.list", "cost.get"));
    return out;
  }

  private Set<String> projectViewer() {
    Set<String> out = new LinkedHashSet<>();
    for (String resource : projectResources().values()) {
      out.addAll(viewer(resource));
    }
    out.addAll(viewer("workspace"));
    out.addAll(Set.of("audit.list", "cost.get"));
    return out;
  }

  private static RoleSpec project(String name, String description, Set<String> permissions) {
    return RoleSpec.builder().name(name).scope(RoleScope.PROJECT).permissions(permissions)
        .description(description).build();
  }

  private static RoleSpec tenant(String name, String description, Set<String> permissions) {
    return RoleSpec.builder().name(name).scope(RoleScope.TENANT).permissions(permissions)
        .description(description).build();
  }

  private static Role toRole(RoleSpec spec) {
    String slug = slug(spec.name());
    return Role.builder()
        .metadata(Metadata.builder()
            .kind(Role.KIND)
            .id("builtin-" + slug)
            .name(slug)
            .project("")
            .createdAt(Instant.EPOCH)
            .updatedAt(Instant.EPOCH)
            .createdBy("system")
            .build())
        .spec(spec)
        .builtIn(true)
        .build();
  }

  private static Map<String, RoleSpec> bySlug(List<RoleSpec> specs) {
    Map<String, RoleSpec> out = new LinkedHashMap<>();
    for (RoleSpec spec : specs) {
      if (out.put(slug(spec.name()), spec) != null) {
        throw new IllegalStateException("two built-in roles share the slug of " + spec.name());
      }
    }
    return Map.copyOf(out);
  }

  private static String plural(String display) {
    return display.toLowerCase(Locale.ROOT) + "s";
  }
}

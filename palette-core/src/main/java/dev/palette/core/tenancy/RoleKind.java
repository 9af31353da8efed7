package dev.palette.core.tenancy;

import static dev.palette.core.kind.Limits.shown;

import dev.palette.core.kind.KindDescriptor;
import dev.palette.core.kind.Limits;
import dev.palette.core.kind.Scope;
import dev.palette.core.kind.Violations;
import dev.palette.core.rbac.BuiltInRoles;
import dev.palette.core.record.RecordKind;
import dev.palette.model.Role;
import dev.palette.model.RoleBinding;
import dev.palette.model.RoleSpec;
import dev.palette.model.TenantLimits;
import java.util.List;
import java.util.TreeSet;

/**
 * Custom roles: tenant-scoped, named in prose ({@code Billing Reader}) and stored under the name's
 * slug, so no two roles differ only in case or spacing and none shadows a built-in role.
 */
public final class RoleKind {
  /** The custom role kind. */
  public static final KindDescriptor<Role, RoleSpec, RoleSpec.Builder> DESCRIPTOR =
      KindDescriptor.<Role, RoleSpec, RoleSpec.Builder>builder(RecordKind.ROLE)
          .scope(Scope.TENANT)
          .resource("role")
          .limit("roles", TenantLimits::roles)
          .ownNameRule()
          .name(RoleSpec::name, RoleSpec::labels)
          .storedAs(spec -> BuiltInRoles.slug(spec.name()), BuiltInRoles::slug)
          .model((m, spec) -> Role.builder().metadata(m).spec(spec).build(), Role::withSpec)
          .specBuilder(RoleSpec::builder, RoleSpec::toBuilder, RoleSpec.Builder::build)
          .validator((context, v, project, before, spec) -> {
            if (before == null) {
              checkName(v, spec, context.service(BuiltInRoles.class), context.records().getByName(RecordKind.ROLE, "", BuiltInRoles.slug(spec.name()))
                  .isPresent());
            }
            v.description("description", spec.description());
            checkPermissions(v, spec, context.service(BuiltInRoles.class));
          })
          .shown(r -> "Role " + r.spec().name())
          .messages(r -> "created role " + r.spec().name() + " granting " + new TreeSet<>(r.spec().permissions()),
              (before, after) -> "updated role " + after.spec().name() + " to grant "
                  + new TreeSet<>(after.spec().permissions()))
          .deleted(r -> "deleted role " + r.spec().name())
          .deleteCheck((context, role) -> {
            List<String> bindings = context.records().list(RecordKind.ROLE_BINDING, "").stream()
                .filter(b -> b.spec().role().equals(role.spec().name())).map(RoleBinding::name).toList();
            return bindings.isEmpty() ? null
                : "Role " + role.spec().name() + " is bound by " + bindings + "; delete the bindings first";
          })
          .build();

  private RoleKind() {}

  private static void checkName(Violations v, RoleSpec spec, BuiltInRoles builtIn, boolean exists) {
    if (spec.name().length() > Limits.ROLE_NAME_LENGTH || !Limits.ROLE_NAME.matcher(spec.name()).matches()) {
      v.add("name", shown(spec.name()) + " is not allowed; use 1 to " + Limits.ROLE_NAME_LENGTH
          + " letters, digits, spaces, '.', '_' and '-', starting and ending with a letter or digit");
    } else if (builtIn.isBuiltIn(spec.name())) {
      // Names are compared as slugs, so "cluster  viewer" would shadow the built-in Cluster Viewer.
      v.add("name", shown(spec.name()) + " is the name of the built-in role "
          + builtIn.find(spec.name()).map(RoleSpec::name).orElse(spec.name())
          + "; built-in role names are reserved, whatever their case and spacing");
    } else if (exists) {
      v.add("name", "a role named " + shown(spec.name()) + " already exists");
    }
  }

  private static void checkPermissions(Violations v, RoleSpec spec, BuiltInRoles builtIn) {
    if (spec.permissions().isEmpty()) {
      v.add("permissions", "must grant at least one permission, such as cluster.get");
    }
    v.count("permissions", spec.permissions().size(), Limits.LIST_ENTRIES);
    if (spec.permissions().stream().anyMatch(p -> p.length() > Limits.NAME_LENGTH || Limits.hasControl(p))) {
      v.add("permissions", "a permission is at most " + Limits.NAME_LENGTH
          + " characters on one line, for example cluster.get");
    } else {
      v.addAll(builtIn.permissions().violations("permissions", spec.permissions()));
    }
  }
}

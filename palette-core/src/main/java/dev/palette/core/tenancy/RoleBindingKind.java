package dev.palette.core.tenancy;

import dev.palette.core.kind.KindDescriptor;
import dev.palette.core.kind.Limits;
import dev.palette.core.kind.Scope;
import dev.palette.core.rbac.Authorizer;
import dev.palette.core.rbac.BuiltInRoles;
import dev.palette.core.record.RecordKind;
import dev.palette.model.RoleBinding;
import dev.palette.model.RoleBindingSpec;
import dev.palette.model.TenantLimits;
import java.util.Locale;

/**
 * Role bindings: stored at tenant scope, authorized in the scope they grant in, and named after
 * what they bind, so one subject holds a role once per scope. A binding is never updated: it is
 * deleted and made again.
 */
public final class RoleBindingKind {
  /** The role binding kind. */
  public static final KindDescriptor<RoleBinding, RoleBindingSpec, RoleBindingSpec.Builder> DESCRIPTOR =
      KindDescriptor.<RoleBinding, RoleBindingSpec, RoleBindingSpec.Builder>builder(RecordKind.ROLE_BINDING)
          .scope(Scope.TENANT)
          .resource("roleBinding")
          .without("update")
          .limit("roleBindings", TenantLimits::roleBindings)
          .ownNameRule()
          .name(RoleBindingKind::name, RoleBindingSpec::labels)
          .model((m, spec) -> RoleBinding.builder().metadata(m).spec(spec).build(), RoleBinding::withSpec)
          .specBuilder(RoleBindingSpec::builder, RoleBindingSpec::toBuilder, RoleBindingSpec.Builder::build)
          .validator((context, v, project, before, spec) -> {
            v.line("subject", spec.subject(), Limits.DISPLAY_NAME_LENGTH);
            v.line("role", spec.role(), Limits.ROLE_NAME_LENGTH);
            if (!spec.project().isEmpty()) {
              v.name("project", spec.project());
            }
            if (v.isEmpty()) {
              v.addAll(context.service(Authorizer.class).validateBinding(spec));
            }
          })
          .messages(b -> "bound role " + b.spec().role() + " to " + subject(b.spec()) + " in "
              + scope(b.spec().project()), null)
          .deleted(b -> "unbound role " + b.spec().role() + " from " + subject(b.spec()) + " in "
              + scope(b.spec().project()))
          .duplicate((project, spec) -> subject(spec) + " already holds role " + spec.role() + " in "
              + scope(spec.project()))
          .build();

  private RoleBindingKind() {}

  /** Bindings are named after what they bind, so one subject holds a role once per scope. */
  public static String name(RoleBindingSpec spec) {
    return spec.subjectKind().name().toLowerCase(Locale.ROOT) + "." + spec.subject() + "."
        + BuiltInRoles.slug(spec.role()) + "." + (spec.project().isEmpty() ? "tenant" : spec.project());
  }

  static String subject(RoleBindingSpec spec) {
    return spec.subjectKind().name().toLowerCase(Locale.ROOT) + " " + spec.subject();
  }

  static String scope(String project) {
    return project.isEmpty() ? "the tenant" : "project " + project;
  }
}

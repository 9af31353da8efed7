package dev.palette.core.tenancy;

import static dev.palette.core.kind.Limits.shown;

import dev.palette.core.kind.KindDescriptor;
import dev.palette.core.kind.Limits;
import dev.palette.core.kind.Scope;
import dev.palette.core.record.RecordKind;
import dev.palette.model.RoleBinding;
import dev.palette.model.SubjectKind;
import dev.palette.model.TenantLimits;
import dev.palette.model.User;
import dev.palette.model.UserSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Users: tenant-scoped, named like e-mail local parts; a user cannot be deleted while a team or a
 * role binding names it.
 */
public final class UserKind {
  static final Pattern USER_NAME = Pattern.compile("[a-z0-9][a-z0-9._@-]{0,127}");

  /** The user kind. */
  public static final KindDescriptor<User, UserSpec, UserSpec.Builder> DESCRIPTOR =
      KindDescriptor.<User, UserSpec, UserSpec.Builder>builder(RecordKind.USER)
          .scope(Scope.TENANT)
          .resource("user")
          .limit("users", TenantLimits::users)
          .ownNameRule()
          .name(UserSpec::name, UserSpec::labels)
          .model((m, spec) -> User.builder().metadata(m).spec(spec).build(), User::withSpec)
          .specBuilder(UserSpec::builder, UserSpec::toBuilder, UserSpec.Builder::build)
          .validator((context, v, project, before, spec) -> {
            if (!USER_NAME.matcher(spec.name()).matches()) {
              v.add("name", shown(spec.name()) + " is not allowed; use 1 to 128 lowercase letters, digits and"
                  + " . _ @ -, starting with a letter or digit");
            }
            v.line("displayName", spec.displayName(), Limits.DISPLAY_NAME_LENGTH);
            v.email("email", spec.email());
          })
          .deleteCheck((context, user) -> {
            List<String> uses = new ArrayList<>();
            context.records().list(RecordKind.ROLE_BINDING, "").stream()
                .filter(b -> b.spec().subjectKind() == SubjectKind.USER && b.spec().subject().equals(user.name()))
                .map(RoleBinding::name).forEach(b -> uses.add("role binding " + b));
            context.records().list(RecordKind.TEAM, "").stream()
                .filter(t -> t.spec().members().contains(user.name()))
                .forEach(t -> uses.add("team " + t.name()));
            return uses.isEmpty() ? null
                : "User " + user.name() + " is still in " + uses + "; remove it from them first";
          })
          .build();

  private UserKind() {}
}

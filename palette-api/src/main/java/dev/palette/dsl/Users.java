package dev.palette.dsl;

import dev.palette.model.User;
import dev.palette.model.UserSpec;
import java.util.function.Consumer;

/** Users of the tenant. */
public interface Users extends Listable<User> {
  User create(UserSpec spec);

  default User create(Consumer<UserSpec.Builder> spec) {
    return create(Specs.build("User", UserSpec.builder(), spec, UserSpec.Builder::build));
  }

  UpdatableResource<User, UserSpec.Builder> withName(String name);
}

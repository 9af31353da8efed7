package dev.palette;

import java.util.Objects;

/** Who a call runs as: a user, a service, or the engine itself. */
public record Principal(String name, Type type) {
  /** The kinds of principal. */
  public enum Type {
    USER,
    SERVICE,
    SYSTEM
  }

  /** The tenant administrator, the default principal of single-user programs. */
  public static final Principal TENANT_ADMIN = new Principal("admin", Type.USER);

  /** The engine's own identity, used by controllers. */
  public static final Principal SYSTEM = new Principal("system", Type.SYSTEM);

  /**
   * @throws NullPointerException when {@code name} or {@code type} is null
   * @throws dev.palette.error.ValidationException when {@code name} is blank
   */
  public Principal {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    if (name.isBlank()) {
      throw new dev.palette.error.ValidationException("Principal", java.util.List.of(
          new dev.palette.error.Violation("name", "must not be blank")));
    }
  }

  public static Principal user(String name) {
    return new Principal(name, Type.USER);
  }

  @Override
  public String toString() {
    return type.name().toLowerCase(java.util.Locale.ROOT) + ":" + name;
  }
}

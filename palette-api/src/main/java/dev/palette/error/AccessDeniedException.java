package dev.palette.error;

/** The principal lacks a permission in a scope. */
public class AccessDeniedException extends PaletteException {
  private static final long serialVersionUID = 1L;
  private final String permission;
  private final String scope;

  public AccessDeniedException(String principal, String permission, String scope) {
    super(principal + " lacks permission " + permission + " in " + scope
        + "; ask an admin of that scope for a role that grants it");
    this.permission = permission;
    this.scope = scope;
  }

  public String permission() {
    return permission;
  }

  public String scope() {
    return scope;
  }
}

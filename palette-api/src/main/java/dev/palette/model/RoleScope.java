package dev.palette.model;

/** Where a role may be bound: to the whole tenant, or to one project at a time. */
public enum RoleScope {
  TENANT,
  PROJECT
}

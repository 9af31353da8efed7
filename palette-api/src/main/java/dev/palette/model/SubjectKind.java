package dev.palette.model;

/** Who a role binding applies to. */
public enum SubjectKind {
  USER,
  TEAM
}

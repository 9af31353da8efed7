package dev.palette.model;

/** What a cluster profile holds: infrastructure and add-ons, infrastructure only, add-ons only, or system. */
public enum ProfileType {
  FULL,
  INFRA,
  ADD_ON,
  SYSTEM
}

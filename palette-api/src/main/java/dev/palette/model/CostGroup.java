package dev.palette.model;

/** What a cost report groups by. */
public enum CostGroup {
  PROJECT,
  CLUSTER,
  VIRTUAL_CLUSTER,
  CLOUD
}

package dev.palette.model;

/** Where a pack comes from. */
public enum PackSource {
  PACK,
  HELM,
  MANIFEST,
  OCI
}

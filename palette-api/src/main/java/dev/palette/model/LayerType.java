package dev.palette.model;

/** The layers of a cluster profile, in the order they are applied. */
public enum LayerType {
  OS,
  K8S,
  CNI,
  CSI,
  ADDON
}

package dev.palette.model;

/** How a node pool's machines are bought. */
public enum CapacityType {
  /** Full price, never taken back by the cloud; the default. */
  ON_DEMAND,
  /** Spare capacity at a discount, which the cloud may take back at short notice. */
  SPOT
}

package dev.palette.core.controller;

import java.util.Objects;

/**
 * A kind a reconciler watches besides its own: a change of a record of {@code kind} reconciles the
 * primaries {@code mapper} names, as the Java Operator SDK's event sources do.
 *
 * @param kind the secondary kind, for example {@code CloudAccount} for host clusters
 * @param mapper which primaries a secondary record affects
 */
public record SecondaryWatch(String kind, SecondaryToPrimaryMapper mapper) {
  public SecondaryWatch {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(mapper, "mapper");
  }
}

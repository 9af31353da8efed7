package org.slf4j;

import org.slf4j.helpers.BasicMDCAdapter;

/**
 * The test binding, slf4j-simple, keeps no MDC; this installs SLF4J's own map-backed adapter so a
 * test can see what a log line would carry. It sits in {@code org.slf4j} for the package-private setter.
 */
public final class KeptMdc {
  private KeptMdc() {}

  /** Makes {@link MDC} keep its values from now on, in this JVM. */
  public static void install() {
    if (!(MDC.getMDCAdapter() instanceof BasicMDCAdapter)) {
      MDC.setMDCAdapter(new BasicMDCAdapter());
    }
  }
}

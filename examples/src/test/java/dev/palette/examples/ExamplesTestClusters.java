package dev.palette.examples;

import dev.palette.model.HostClusterSpec;

/** A small sandbox cluster spec for the tests that set up what a snippet expects to find. */
final class ExamplesTestClusters {
  private ExamplesTestClusters() {}

  static HostClusterSpec small(String name) {
    return HostClusterSpec.builder().name(name).cloudType("sandbox").cloudAccount("sandbox")
        .nodePool(p -> p.name("control-plane").size(1).controlPlane(true).instanceType("sandbox.small"))
        .nodePool(p -> p.name("worker").size(1).instanceType("sandbox.small"))
        .build();
  }
}

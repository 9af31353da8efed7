package dev.palette.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The documented examples run to the end and print what the README promises. */
class ExamplesTest {
  private static String run(Runnable example) {
    PrintStream original = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      example.run();
    } finally {
      System.setOut(original);
    }
    String printed = out.toString(StandardCharsets.UTF_8);
    original.print(printed);
    return printed;
  }

  @Test
  void quickstartProvisionsListsScalesAndDeletes() {
    String out = run(() -> new Quickstart().run());

    assertThat(out)
        .contains("PROVISIONING")
        .contains("Host cluster gpu-1 is RUNNING with 4 nodes")
        .contains("Nodes listed through Fabric8")
        .contains("gpu-1-worker-4")
        .contains("Host cluster gpu-1 is deleted: true")
        .contains("scale worker 3 -> 5");
  }

  @Test
  void governanceExampleShowsTheDenialAndTheCostReport() {
    String out = run(GovernanceExample::run);

    assertThat(out)
        .contains("bob lists ml-modeling clusters: []")
        .contains("bob scales ml-modeling/gpu-1: DENIED")
        .contains("bob cluster.update ml-modeling/gpu-1: DENIED")
        .contains("Audit chain intact: true")
        .contains("ml-modeling                           $642.00        $5.72      $647.72        4560.00")
        .contains("$712.04");
  }
}

package dev.palette.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The library's own threads never keep a JVM alive, API servers of sandbox clusters included. */
class ForgottenCloseTest {
  @TempDir Path tmp;

  @Test
  void aProgramThatForgetsCloseStillExitsAfterUsingASandboxCluster() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Path out = tmp.resolve("out.txt");
    Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", ForgetsToClose.class.getName())
        .redirectErrorStream(true)
        .redirectOutput(out.toFile())
        .start();

    boolean exited = child.waitFor(60, TimeUnit.SECONDS);
    if (!exited) {
      // Show which threads kept it alive before failing.
      new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
          Long.toString(child.pid()), "Thread.print")
          .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(out.toFile()))
          .start().waitFor(20, TimeUnit.SECONDS);
      child.destroyForcibly();
    }

    assertThat(exited).as("the child exited on its own; its output:%n%s", read(out)).isTrue();
    assertThat(child.exitValue()).as(read(out)).isZero();
    assertThat(read(out)).contains("nodes 4", "returning from main without close()");
  }

  private static String read(Path file) throws IOException {
    return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
  }
}

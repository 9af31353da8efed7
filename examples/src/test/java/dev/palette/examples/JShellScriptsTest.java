package dev.palette.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JShell scripts run as a user runs them, with the {@code jshell} tool of the running JDK and
 * this module's class path, so a script the API has left behind fails the build.
 */
class JShellScriptsTest {
  private static final long TIMEOUT_MINUTES = 3;

  @TempDir static Path output;

  private static Script quickstart;
  private static Script governance;

  /** A script running in its own {@code jshell}, its output going to a file. */
  private record Script(String name, Process process, Path out) {
    /** Waits for the script to end and returns its exit code and output, which it also prints. */
    Finished finish() throws IOException, InterruptedException {
      boolean ended = process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES);
      if (!ended) {
        process.destroyForcibly();
      }
      String printed = Files.readString(out, StandardCharsets.UTF_8);
      System.out.print(printed);
      assertThat(ended).as("%s ended within %d minutes; it printed:%n%s", name, TIMEOUT_MINUTES, printed)
          .isTrue();
      return new Finished(process.exitValue(), printed);
    }
  }

  private record Finished(int exitCode, String printed) {}

  // Both scripts start at once: most of their time is the sandbox's simulated provisioning.
  @BeforeAll
  static void startBothScripts() throws IOException {
    quickstart = start("quickstart.jsh");
    governance = start("governance.jsh");
  }

  @AfterAll
  static void stopWhatIsLeft() {
    for (Script script : new Script[] {quickstart, governance}) {
      if (script != null) {
        script.process().destroyForcibly();
      }
    }
  }

  private static Script start(String name) throws IOException {
    Path script = Path.of(System.getProperty("basedir", ".")).resolve(name);
    Path jshell = Path.of(System.getProperty("java.home"), "bin",
        File.separatorChar == '\\' ? "jshell.exe" : "jshell");
    Path out = output.resolve(name + ".out");
    // The test class path holds the reactor's classes and this module's quiet logging settings.
    Process process = new ProcessBuilder(List.of(jshell.toString(),
            "-J-XX:TieredStopAtLevel=1", "-R-XX:TieredStopAtLevel=1",
            "--class-path", System.getProperty("java.class.path"), script.toString()))
        .redirectErrorStream(true)
        .redirectOutput(out.toFile())
        .start();
    // A script that did not reach its /exit would wait for input; it gets none.
    process.getOutputStream().close();
    return new Script(name, process, out);
  }

  @Test
  void quickstartScriptProvisionsListsScalesAndDeletesAndExitsZero() throws Exception {
    Finished run = quickstart.finish();

    assertThat(run.exitCode()).as("exit code of quickstart.jsh; it printed:%n%s", run.printed()).isZero();
    assertThat(run.printed())
        .contains("Host cluster gpu-1 is RUNNING with 4 nodes")
        .contains("Nodes listed through Fabric8")
        .contains("gpu-1-worker-4")
        .contains("Host cluster gpu-1 is deleted: true")
        .doesNotContain("INFO dev.palette");
  }

  @Test
  void governanceScriptShowsTheDenialAndAnIntactAuditChainAndExitsZero() throws Exception {
    Finished run = governance.finish();

    assertThat(run.exitCode()).as("exit code of governance.jsh; it printed:%n%s", run.printed()).isZero();
    assertThat(run.printed())
        .contains("bob lists ml-modeling clusters: []")
        .contains("DENIED: ")
        .contains("Audit chain intact: true")
        .doesNotContain("INFO dev.palette");
  }
}

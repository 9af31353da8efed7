package dev.palette.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A program using the model compiles without a warning on a class path that, like a user's, has
 * the library's jars but not the annotation processor that generated the model.
 */
class UserCodeCompilesWithoutWarningsTest {
  private static final String PROGRAM = """
      import dev.palette.model.HostCluster;
      import dev.palette.model.HostClusterSpec;
      import dev.palette.model.NodePoolSpec;

      class UsesTheModel {
        static String describe(HostCluster cluster) {
          HostClusterSpec spec = HostClusterSpec.builder().from(cluster.spec())
              .addNodePool(NodePoolSpec.builder().name("worker").size(3).instanceType("sandbox.large").build())
              .build();
          return cluster.withSpec(spec).toString();
        }
      }
      """;

  @Test
  void aProgramUsingTheModelCompilesWithoutWarnings(@TempDir Path dir) throws IOException {
    Path source = Files.writeString(dir.resolve("UsesTheModel.java"), PROGRAM, StandardCharsets.UTF_8);
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    boolean compiled;
    try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8)) {
      compiled = javac.getTask(null, files, diagnostics,
          List.of("-Xlint:all", "-proc:none", "--release", "17", "-d", dir.toString(),
              "-classpath", System.getProperty("java.class.path")),
          null, files.getJavaFileObjects(source)).call();
    }

    assertThat(compiled).isTrue();
    assertThat(diagnostics.getDiagnostics()).extracting(UserCodeCompilesWithoutWarningsTest::describe)
        .as("no annotation of the generated model refers to a class the user does not have")
        .isEmpty();
  }

  private static String describe(Diagnostic<? extends JavaFileObject> d) {
    return d.getKind() + ": " + d.getMessage(null);
  }
}

package dev.palette.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palette.ClusterMode;
import dev.palette.Palette;
import dev.palette.model.AuditAction;
import dev.palette.model.HostCluster;
import dev.palette.sandbox.SandboxProvider;
import dev.palette.sandbox.SandboxSettings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Map.Entry;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The README's Java snippets are the tagged regions of compiled sources ({@code // tag::name[]} to
 * {@code // end::name[]}, regions of one name joined by a blank line), and the snippets run.
 */
class ReadmeTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final Pattern MARKER = Pattern.compile("<!-- snippet: ([a-z-]+) -->");
  private static final Pattern TAG = Pattern.compile("^\\s*// (tag|end)::([a-z-]+)\\[]\\s*$");

  @Test
  void everyJavaSnippetOfTheReadmeIsATaggedRegionOfCompiledSource() {
    Map<String, String> readme = readmeSnippets(read(moduleDir().getParent().resolve("README.md")));
    Map<String, String> sources = taggedRegions();

    assertThat(readme).as("README Java snippets").isNotEmpty();
    for (Entry<String, String> snippet : readme.entrySet()) {
      assertThat(sources).as("a tagged region for README snippet '" + snippet.getKey() + "'")
          .containsKey(snippet.getKey());
      assertThat(snippet.getValue()).as("README snippet '" + snippet.getKey()
              + "' against its tagged region; copy the region into the README")
          .isEqualTo(sources.get(snippet.getKey()));
    }
  }

  @Test
  void quickstartSnippetRunsOnTheSandbox() {
    String out = captured(ReadmeQuickstart::run);

    assertThat(out.lines()).contains("gpu-1-control-plane-0", "gpu-1-worker-0", "gpu-1-worker-1", "gpu-1-worker-2");
  }

  @Test
  void governanceSnippetRunsAndRecordsAlicesDenial() {
    try (Palette palette = sandboxPalette()) {
      ClusterMode admin = palette.clusterMode();
      for (String project : List.of("ml-modeling", "web-shop")) {
        admin.projects().create(p -> p.name(project));
        admin.cloudAccounts().inProject(project).create(a -> a.name("sandbox").cloudType("sandbox"));
      }
      admin.clusters().inProject("web-shop").create(ExamplesTestClusters.small("web-1")).await(WAIT);

      ReadmeGovernance.run(palette);

      assertThat(admin.audit().query(q -> q.addAction(AuditAction.DENY)))
          .singleElement().satisfies(e -> assertThat(e.permission()).isEqualTo("cluster.delete"));
      assertThat(admin.roleBindings().list()).isEmpty();
      assertThat(admin.tenant().limits().clusters()).isEqualTo(50);
    }
  }

  @Test
  void collectionsSnippetRunsAndSelectsByLabel() {
    try (Palette palette = sandboxPalette()) {
      ClusterMode cm = palette.clusterMode();
      cm.projects().create(p -> p.name("ml-modeling"));
      cm.cloudAccounts().inProject("ml-modeling").create(a -> a.name("sandbox").cloudType("sandbox"));
      cm.teams().create(t -> t.name("ml-team"));
      cm.clusters().inProject("ml-modeling").create(ExamplesTestClusters.small("gpu-1").withLabels(Map.of("gpu", "a100")))
          .await(WAIT);
      cm.clusters().inProject("ml-modeling").create(ExamplesTestClusters.small("cpu-1")).await(WAIT);

      List<HostCluster> gpus = ReadmeCollections.run(cm, "rotated-token");

      assertThat(gpus).extracting(HostCluster::name).containsExactly("gpu-1");
      assertThat(cm.cloudAccounts().inProject("ml-modeling").withName("sandbox").require().metadata().generation())
          .isEqualTo(2);
      assertThat(cm.projects().withLabel("cost-center", "42").list()).hasSize(1);
    }
  }

  private static Palette sandboxPalette() {
    return Palette.builder().discoverProviders(false)
        .provider(new SandboxProvider(SandboxSettings.instant(), Clock.systemUTC())).build();
  }

  /** Each {@code <!-- snippet: name -->} and the ```java block after it; a block without one fails. */
  static Map<String, String> readmeSnippets(String readme) {
    Map<String, String> out = new LinkedHashMap<>();
    List<String> lines = readme.lines().toList();
    String name = null;
    for (int i = 0; i < lines.size(); i++) {
      Matcher marker = MARKER.matcher(lines.get(i).trim());
      if (marker.matches()) {
        name = marker.group(1);
      } else if (lines.get(i).trim().equals("```java")) {
        if (name == null) {
          throw new AssertionError("README line " + (i + 1)
              + ": a Java snippet without a <!-- snippet: name --> marker naming its tagged source region");
        }
        List<String> block = new ArrayList<>();
        for (i++; !lines.get(i).trim().equals("```"); i++) {
          block.add(lines.get(i));
        }
        out.put(name, normalize(block));
        name = null;
      } else if (!lines.get(i).isBlank()) {
        name = null;
      }
    }
    return out;
  }

  /** Every tagged region of the module's sources, by tag name. */
  private static Map<String, String> taggedRegions() {
    Map<String, List<List<String>>> regions = new LinkedHashMap<>();
    try (Stream<Path> files = Files.walk(moduleDir().resolve("src"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
        List<String> current = null;
        for (String line : read(file).lines().toList()) {
          Matcher tag = TAG.matcher(line);
          if (tag.matches() && tag.group(1).equals("tag")) {
            current = new ArrayList<>();
            regions.computeIfAbsent(tag.group(2), k -> new ArrayList<>()).add(current);
          } else if (tag.matches()) {
            current = null;
          } else if (current != null) {
            current.add(line);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, String> out = new LinkedHashMap<>();
    regions.forEach((name, parts) -> out.put(name,
        String.join("\n\n", parts.stream().map(ReadmeTest::normalize).toList())));
    return out;
  }

  /** Drops the indentation the lines share and trailing blanks, so only the code itself counts. */
  private static String normalize(List<String> lines) {
    int indent = lines.stream().filter(l -> !l.isBlank())
        .mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
    return String.join("\n", lines.stream()
        .map(l -> l.isBlank() ? "" : l.substring(indent).stripTrailing()).toList()).strip();
  }

  private static Path moduleDir() {
    return Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath();
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String captured(Runnable snippet) {
    PrintStream original = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      snippet.run();
    } finally {
      System.setOut(original);
    }
    return out.toString(StandardCharsets.UTF_8);
  }
}

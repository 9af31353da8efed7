package dev.palette.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palette.core.frontdoor.FrontDoor;
import dev.palette.core.kind.KindRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The generic front door and the kind registry never refer to {@code CloudProvider}: whatever a
 * kind needs from a cloud comes from a controller or a cache in its feature package.
 */
class FrontDoorCallsNoProviderTest {
  // The class's name in a compiled constant pool, not a longer name that starts with it.
  private static final Pattern PROVIDER = Pattern.compile("dev/palette/spi/CloudProvider(?![A-Za-z0-9_$])");

  @Test
  void theFrontDoorAndTheKindRegistryNeverReferToACloudProvider() {
    List<String> offenders = Stream.of(FrontDoor.class, KindRegistry.class)
        .flatMap(FrontDoorCallsNoProviderTest::classesOfPackage)
        .filter(FrontDoorCallsNoProviderTest::refersToProvider)
        .map(Path::getFileName).map(Path::toString).toList();
    assertThat(offenders).isEmpty();
  }

  private static Stream<Path> classesOfPackage(Class<?> member) {
    try {
      Path root = Path.of(member.getProtectionDomain().getCodeSource().getLocation().toURI());
      Path dir = root.resolve(member.getPackageName().replace('.', '/'));
      try (Stream<Path> files = Files.list(dir)) {
        List<Path> classes = files.filter(f -> f.toString().endsWith(".class")).toList();
        assertThat(classes).isNotEmpty();
        return classes.stream();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static boolean refersToProvider(Path classFile) {
    try {
      return PROVIDER.matcher(new String(Files.readAllBytes(classFile), StandardCharsets.ISO_8859_1)).find();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

package dev.palette.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.palette.ClusterMode;
import dev.palette.Palette;
import dev.palette.core.store.MemoryStateStore;
import dev.palette.error.ConflictException;
import dev.palette.error.ValidationException;
import dev.palette.error.Violation;
import dev.palette.model.ProfileRef;
import dev.palette.spi.RecordQuery;
import dev.palette.spi.StoredRecord;
import java.time.Duration;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Each version of a cluster profile is a record under a DNS-1123 name; the version is a field. */
class ProfileVersionTest {
  private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

  private final MemoryStateStore store = new MemoryStateStore();
  private final Palette palette = Palette.builder().store(store).build();
  private final ClusterMode cm = palette.clusterMode();

  @AfterEach
  void close() {
    palette.close();
  }

  @Test
  void aProfileVersionIsStoredUnderADnsNameWithTheVersionAsAField() {
    cm.projects().create(p -> p.name(Fixtures.PROJECT));
    cm.clusterProfiles().inProject(Fixtures.PROJECT).create(p -> p.name("base").version("1.0.0").cloudType("all"));
    cm.clusterProfiles().inProject(Fixtures.PROJECT).create(p -> p.name("base").version("1.10.0").cloudType("all"));

    assertThat(store.list(RecordQuery.all("ClusterProfile")).records()).extracting(StoredRecord::name)
        .containsExactlyInAnyOrder("base-1-0-0", "base-1-10-0")
        .allMatch(n -> DNS_LABEL.matcher(n).matches());
    assertThat(cm.clusterProfiles().inProject(Fixtures.PROJECT).withName("base", "1.10.0").require().spec().version())
        .isEqualTo("1.10.0");
    assertThatThrownBy(() -> cm.clusterProfiles().inProject(Fixtures.PROJECT)
        .create(p -> p.name("base").version("1.0.0").cloudType("all")))
        .isInstanceOf(ConflictException.class)
        .hasMessage("ClusterProfile ml-modeling/base version 1.0.0 already exists; publish a new version instead");
  }

  @Test
  void aNameAndVersionTooLongForOneDnsLabelAreRefused() {
    cm.projects().create(p -> p.name(Fixtures.PROJECT));
    assertThatThrownBy(() -> cm.clusterProfiles().inProject(Fixtures.PROJECT)
        .create(p -> p.name("p".repeat(60)).version("1.0.0").cloudType("all")))
        .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.violations())
            .extracting(Violation::field).containsExactly("name"));
    assertThat(store.list(RecordQuery.all("ClusterProfile")).records()).isEmpty();
  }

  @Test
  void aProfileVersionUsedByAClusterCannotBeDeletedAndSaysWhichClusters() {
    Fixtures.projectWithAccount(cm);
    cm.clusterProfiles().inProject(Fixtures.PROJECT).create(p -> p.name("base").version("1.0.0").cloudType("all"));
    cm.clusters().inProject(Fixtures.PROJECT)
        .create(Fixtures.cluster("gpu-1").withProfiles(ProfileRef.of("base", "1.0.0")))
        .await(Duration.ofSeconds(30));

    assertThatThrownBy(() -> cm.clusterProfiles().inProject(Fixtures.PROJECT).withName("base", "1.0.0").delete())
        .isInstanceOf(ConflictException.class)
        .hasMessage("ClusterProfile base:1.0.0 is used by host clusters [gpu-1]; delete them first");
    assertThat(cm.clusterProfiles().inProject(Fixtures.PROJECT).withName("base", "1.0.0").get()).isPresent();
  }
}

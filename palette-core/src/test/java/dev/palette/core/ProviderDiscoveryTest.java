package dev.palette.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.palette.Palette;
import dev.palette.Principal;
import dev.palette.core.provider.ProviderRegistry;
import dev.palette.error.NotFoundException;
import dev.palette.error.ValidationException;
import dev.palette.error.Violation;
import dev.palette.sandbox.SandboxProvider;
import dev.palette.sandbox.SandboxSettings;
import dev.palette.spi.CloudProvider;
import dev.palette.spi.EngineConfig;
import dev.palette.spi.HttpTransport;
import dev.palette.spi.Leadership;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProviderDiscoveryTest {
  @Test
  void theSandboxIsFoundThroughServiceLoader() {
    try (Palette palette = Palette.builder().build()) {
      assertThat(palette.providerIds()).containsExactly("sandbox");
    }
  }

  @Test
  void anUnknownProviderIdFailsWithTheIdsFound() {
    try (ProviderRegistry registry = new ProviderRegistry(config(List.of(), Map.of()))) {
      assertThatThrownBy(() -> registry.require("aws"))
          .isInstanceOf(NotFoundException.class)
          .hasMessageContaining("unknown provider id 'aws'; providers found: [sandbox]");
    }
  }

  @Test
  void withoutDiscoveryOnlyExplicitProvidersAreUsed() {
    try (Palette palette = Palette.builder().discoverProviders(false).build()) {
      assertThat(palette.providerIds()).isEmpty();
    }
  }

  @Test
  void theBuildersProviderSettingsReachTheDiscoveredFactory() {
    Map<String, Map<String, String>> settings = Map.of("sandbox",
        Map.of("provisioningDelay", "PT0S", "jitter", "PT0S", "nodeDelay", "PT0.25S", "seed", "7"));

    try (ProviderRegistry registry = new ProviderRegistry(config(List.of(), settings))) {
      SandboxProvider sandbox = (SandboxProvider) registry.require("sandbox");

      assertThat(sandbox.cloud().settings()).isEqualTo(SandboxSettings.builder()
          .provisioningDelay(Duration.ZERO).jitter(Duration.ZERO).nodeDelay(Duration.ofMillis(250))
          .seed(7).build());
    }
  }

  @Test
  void aSettingTheProviderDoesNotKnowFailsTheBuildNamingIt() {
    ValidationException e = catchThrowableOfType(ValidationException.class, () ->
        Palette.builder().providerSetting("sandbox", "provisioningDelay", "3 seconds").build());

    assertThat(e.violations()).singleElement().satisfies(v -> {
      assertThat(v.field()).isEqualTo("providerSettings.sandbox");
      assertThat(v.message()).contains("provisioningDelay is an ISO-8601 duration such as PT3S");
    });
  }

  @Test
  void settingsForAProviderThatIsNotDiscoveredAreRefused() {
    CloudProvider explicit = new SandboxProvider();
    assertThatThrownBy(() -> new ProviderRegistry(
        config(List.of(), Map.of("aws", Map.of("endpoint", "http://localhost:4566")))))
        .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.violations())
            .extracting(Violation::field).containsExactly("providerSettings.aws"));
    // A provider the caller built never sees settings, so giving it some is a mistake too.
    assertThatThrownBy(() -> new ProviderRegistry(
        config(List.of(explicit), Map.of("sandbox", Map.of("jitter", "PT0S")))))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("registered explicitly: [sandbox]");
  }

  private static EngineConfig config(List<CloudProvider> explicit,
      Map<String, Map<String, String>> settings) {
    return new EngineConfig(null, null, explicit, true, Clock.systemUTC(), 1,
        Principal.TENANT_ADMIN, null, Duration.ofMinutes(10), Leadership.always(), settings, HttpTransport.JDK);
  }
}

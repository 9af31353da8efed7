package dev.palette.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.palette.Palette;
import dev.palette.core.provider.ProviderRegistry;
import dev.palette.error.NotFoundException;
import java.time.Clock;
import java.util.List;
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
    try (ProviderRegistry registry = new ProviderRegistry(List.of(), true, Clock.systemUTC())) {
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
}

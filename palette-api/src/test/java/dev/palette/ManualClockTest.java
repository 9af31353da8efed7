package dev.palette;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ManualClockTest {
  @Test
  void movesOnlyWhenToldAndNeverBackByAdvance() {
    ManualClock clock = new ManualClock(Instant.parse("2026-11-02T00:00:00Z"));
    assertThat(clock.instant()).isEqualTo(Instant.parse("2026-11-02T00:00:00Z"));

    clock.advance(Duration.ofDays(7));
    assertThat(clock.instant()).isEqualTo(Instant.parse("2026-11-09T00:00:00Z"));
    assertThatThrownBy(() -> clock.advance(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not go back");

    clock.set(Instant.EPOCH);
    assertThat(clock.millis()).isZero();
  }
}

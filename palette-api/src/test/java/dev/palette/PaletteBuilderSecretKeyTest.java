package dev.palette;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.palette.error.PaletteException;
import dev.palette.error.ValidationException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The builder takes the store's secret key from bytes, a file or the environment, and never echoes it. */
class PaletteBuilderSecretKeyTest {
  private static final String KEY = Base64.getEncoder().encodeToString(
      "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII));

  @TempDir Path tmp;

  @Test
  void aKeyOf16_24Or32BytesIsTakenAndAnyOtherLengthIsRefused() {
    for (int length : new int[] {16, 24, 32}) {
      assertThatCode(() -> Palette.builder().secretKey(new byte[length])).doesNotThrowAnyException();
    }
    assertThatThrownBy(() -> Palette.builder().secretKey(new byte[20]))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("secretKey")
        .hasMessageContaining("has 20 bytes");
  }

  @Test
  void aKeyFileHoldsTheKeyInBase64() throws Exception {
    Path good = Files.writeString(tmp.resolve("good.key"), KEY + "\n");
    Path notBase64 = Files.writeString(tmp.resolve("raw.key"), "not base64 at all: !!!\n");
    Path tooShort = Files.writeString(tmp.resolve("short.key"), "c2hvcnQ=");

    assertThatCode(() -> Palette.builder().secretKeyFile(good)).doesNotThrowAnyException();
    assertThatThrownBy(() -> Palette.builder().secretKeyFile(notBase64))
        .isInstanceOf(PaletteException.class)
        .hasMessageContaining(notBase64.toString())
        .hasMessageContaining("base64")
        .hasMessageNotContaining("not base64 at all");
    assertThatThrownBy(() -> Palette.builder().secretKeyFile(tooShort))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("has 5 bytes")
        .hasMessageNotContaining("c2hvcnQ=");
    assertThatThrownBy(() -> Palette.builder().secretKeyFile(tmp.resolve("absent.key")))
        .isInstanceOf(PaletteException.class)
        .hasMessageContaining("absent.key");
  }

  @Test
  void anEnvironmentVariableHoldsTheKeyInBase64AndAnUnsetOneIsNamed() {
    assertThatCode(() -> Palette.builder().secretKeyFromEnv("PALETTE_SECRET_KEY",
        Map.of("PALETTE_SECRET_KEY", KEY)::get)).doesNotThrowAnyException();
    assertThatThrownBy(() -> Palette.builder().secretKeyFromEnv("PALETTE_SECRET_KEY", name -> null))
        .isInstanceOf(PaletteException.class)
        .hasMessageContaining("PALETTE_SECRET_KEY")
        .hasMessageContaining("is not set");
    assertThatThrownBy(() -> Palette.builder().secretKeyFromEnv("PALETTE_SECRET_KEY",
        Map.of("PALETTE_SECRET_KEY", "%%%")::get))
        .isInstanceOf(PaletteException.class)
        .hasMessageContaining("does not hold a base64 key")
        .hasMessageNotContaining("%%%");
  }
}

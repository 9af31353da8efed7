package dev.palette.core.store.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class SecretCipherTest {
  private static final Map<String, String> SECRETS = Map.of("secretKey", "wJalrXUtnFEMI-K7MDENG");
  private final SecretCipher cipher = SecretCipher.of(new SecretKeySpec(new byte[32], "AES"));

  @Test
  void sealedSecretsOpenForTheirRecordAndHideTheValue() throws Exception {
    byte[] sealed = cipher.seal("CloudAccount", "a1", SECRETS);

    assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("wJalrXUtnFEMI");
    assertThat(cipher.open("CloudAccount", "a1", sealed)).isEqualTo(SECRETS);
    // A fresh nonce each time: the same secrets never seal to the same bytes.
    assertThat(cipher.seal("CloudAccount", "a1", SECRETS)).isNotEqualTo(sealed);
  }

  @Test
  void secretsMovedToAnotherRecordOrAlteredDoNotOpen() {
    byte[] sealed = cipher.seal("CloudAccount", "a1", SECRETS);
    assertThatThrownBy(() -> cipher.open("CloudAccount", "a2", sealed))
        .isInstanceOf(IOException.class).hasMessageContaining("altered");
    sealed[sealed.length - 1] ^= 1;
    assertThatThrownBy(() -> cipher.open("CloudAccount", "a1", sealed))
        .isInstanceOf(IOException.class).hasMessageContaining("altered");
  }

  @Test
  void anotherKeyIsToldApartByItsIdWithoutShowingEitherKey() {
    byte[] sealed = cipher.seal("CloudAccount", "a1", SECRETS);
    byte[] other = new byte[32];
    other[0] = 1;
    SecretCipher wrong = SecretCipher.of(new SecretKeySpec(other, "AES"));

    assertThat(wrong.keyId()).isNotEqualTo(cipher.keyId()).hasSize(16);
    assertThatThrownBy(() -> wrong.open("CloudAccount", "a1", sealed))
        .isInstanceOf(SecretCipher.WrongKey.class)
        .hasMessageContaining(cipher.keyId())
        .hasMessageContaining(wrong.keyId());
  }
}

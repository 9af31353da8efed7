package dev.palette.spi;

import java.util.Objects;

/**
 * What the cloud said of a cloud account's credentials ({@link CloudProvider#verifyAccount}).
 *
 * @param verdict whether the credentials work
 * @param reason why not, for a human (for example {@code "AccessDenied: the key was revoked"});
 *     empty when valid; never a credential
 */
public record AccountCheck(Verdict verdict, String reason) {
  public AccountCheck {
    Objects.requireNonNull(verdict, "verdict");
    Objects.requireNonNull(reason, "reason");
    if (verdict == Verdict.INVALID && reason.isBlank()) {
      throw new IllegalArgumentException("an INVALID account check must say why");
    }
  }

  /** The credentials work. */
  public static AccountCheck valid() {
    return new AccountCheck(Verdict.VALID, "");
  }

  /** The credentials do not work, because of {@code reason}. */
  public static AccountCheck invalid(String reason) {
    return new AccountCheck(Verdict.INVALID, reason);
  }

  /** Whether the credentials work. */
  public boolean isValid() {
    return verdict == Verdict.VALID;
  }

  /** The two answers a cloud gives. */
  public enum Verdict {
    /** The cloud accepted the credentials. */
    VALID,
    /** The cloud refused them; {@link AccountCheck#reason()} says why. */
    INVALID
  }
}

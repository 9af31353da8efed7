package dev.palette.model;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.List;
import org.immutables.value.Value;

/**
 * What the cloud account controller last found when it checked an account's credentials with the
 * account's cloud. Checked when the account is created, when its spec changes (a credential
 * rotation) and at every resync.
 */
@Value.Immutable
@PaletteStyle
@JsonSerialize(as = CloudAccountStatus.class)
@JsonDeserialize(as = CloudAccountStatus.class)
public interface CloudAccountStatusDef {
  /** A short description for logs and debuggers, which {@code toString()} returns; never a secret. */
  default String summary() {
    return Summary.of("CloudAccountStatus", phase().name(), "observed gen " + observedGeneration(), message());
  }

  @Value.Default
  default AccountPhase phase() {
    return AccountPhase.VALIDATING;
  }

  /** The phase's name, as every status reports it. */
  default String phaseName() {
    return phase().name();
  }

  /** Why the account is {@link AccountPhase#INVALID}, or what the check found. */
  @Value.Default
  default String message() {
    return "";
  }

  /** Percent done of the check, 0 to 100. */
  @Value.Default
  default int progress() {
    return 0;
  }

  /** The spec generation the status describes; below {@code metadata.generation} while a check is due. */
  @Value.Default
  default long observedGeneration() {
    return 0;
  }

  List<Condition> conditions();
}

package dev.palette.model;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.Map;
import org.immutables.value.Value;

/**
 * The desired state of a cloud account: which cloud type it is for, its secret credentials and its
 * non-secret settings (region, endpoint override, ...).
 *
 * <p>Credentials are write-only: every read, list, watch and event shows their names with each
 * value replaced by {@link #REDACTED}; only the provider of the account's cloud type receives the
 * values. They are redacted from {@code toString()} and never logged or audited. To rotate them,
 * update the account; a value left at {@link #REDACTED} keeps the value it had.
 */
@Value.Immutable
@PaletteStyle
@JsonSerialize(as = CloudAccountSpec.class)
@JsonDeserialize(as = CloudAccountSpec.class)
public interface CloudAccountSpecDef {
  /** What every read shows in place of a credential's value. */
  String REDACTED = "****";

  /** A short description for logs and debuggers, which {@code toString()} returns; never a secret. */
  default String summary() {
    return Summary.of("CloudAccountSpec", name(), cloudType(),
        "credentials " + new java.util.TreeSet<>(credentials().keySet()));
  }

  String name();

  /** The provider id this account is for, for example {@code sandbox} or {@code aws}. */
  String cloudType();

  /**
   * Secret material (access keys, client secrets, passwords); on a record read back, each value is
   * {@link #REDACTED}.
   */
  @Value.Redacted
  Map<String, String> credentials();

  /** Settings that are not secret, such as a region or an endpoint override. */
  Map<String, String> settings();

  Map<String, String> labels();
}

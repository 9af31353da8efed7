package dev.palette.model;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.Map;
import org.immutables.value.Value;

/**
 * The desired state of a cloud account: which cloud type it is for, its secret credentials and its
 * non-secret settings (region, endpoint override, ...).
 *
 * <p>Credentials are redacted from {@code toString()} and never logged or audited.
 */
@Value.Immutable
@PaletteStyle
@JsonSerialize(as = CloudAccountSpec.class)
@JsonDeserialize(as = CloudAccountSpec.class)
public interface CloudAccountSpecDef {
  /** A short description for logs and debuggers, which {@code toString()} returns; never a secret. */
  default String summary() {
    return Summary.of("CloudAccountSpec", name(), cloudType(),
        "credentials " + new java.util.TreeSet<>(credentials().keySet()));
  }

  String name();

  /** The provider id this account is for, for example {@code sandbox} or {@code aws}. */
  String cloudType();

  /** Secret material (access keys, client secrets, passwords). */
  @Value.Redacted
  Map<String, String> credentials();

  /** Settings that are not secret, such as a region or an endpoint override. */
  Map<String, String> settings();

  Map<String, String> labels();
}

package dev.palette.model;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.Map;
import org.immutables.value.Value;

/** A person who signs in to the tenant. Users get permissions through role bindings, directly or through teams. */
@Value.Immutable
@PaletteStyle
@JsonSerialize(as = UserSpec.class)
@JsonDeserialize(as = UserSpec.class)
public interface UserSpecDef {
  /** A short description for logs and debuggers, which {@code toString()} returns; never a secret. */
  default String summary() {
    return Summary.of("UserSpec", name());
  }

  /** The login name, for example {@code alice}. */
  String name();

  @Value.Default
  default String displayName() {
    return "";
  }

  @Value.Default
  default String email() {
    return "";
  }

  /** Labels for selecting records with {@code withLabel(key, value)}. */
  Map<String, String> labels();
}

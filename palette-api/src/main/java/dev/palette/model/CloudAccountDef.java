package dev.palette.model;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import org.immutables.value.Value;

/** A cloud account record: credentials for one provider, checked by the provider when created. */
@Value.Immutable
@PaletteStyle
@JsonSerialize(as = CloudAccount.class)
@JsonDeserialize(as = CloudAccount.class)
public interface CloudAccountDef extends Resource<CloudAccountSpec> {
  String KIND = "CloudAccount";

  // Declared again so that the generated from(Resource) copies it; the generic one it cannot.
  @Override
  CloudAccountSpec spec();

  @Override
  default String summary() {
    return Summary.of(this, spec().cloudType());
  }
}

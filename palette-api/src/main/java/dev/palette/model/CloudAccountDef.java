package dev.palette.model;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import org.immutables.value.Value;

/**
 * A cloud account record: credentials for one provider. The cloud account controller checks them
 * with the cloud and reports the outcome in {@link #status()}.
 */
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

  @Value.Default
  default CloudAccountStatus status() {
    return CloudAccountStatus.builder().build();
  }

  /** True when the cloud accepted the account's current credentials. */
  default boolean isValid() {
    return status().phase() == AccountPhase.VALID
        && status().observedGeneration() >= metadata().generation();
  }
}

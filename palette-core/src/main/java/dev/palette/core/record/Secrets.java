package dev.palette.core.record;

import dev.palette.model.CloudAccount;
import dev.palette.model.CloudAccountSpec;
import dev.palette.model.Resource;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which values of a record are secret, and the record with them masked or put back. Secrets are
 * stored apart from the record's body ({@link dev.palette.spi.StoredRecord#secrets()}); every read
 * sees them masked, and only the path that hands a record to a provider puts them back.
 */
public final class Secrets {
  /** What a masked value reads as. */
  public static final String MASK = CloudAccountSpec.REDACTED;

  private Secrets() {}

  /** The record's secret values by name: a cloud account's credentials, nothing for other kinds. */
  static Map<String, String> of(Resource<?> record) {
    return record instanceof CloudAccount a ? a.spec().credentials() : Map.of();
  }

  /** The record with every secret value masked, its names kept. */
  public static <R extends Resource<?>> R redacted(R record) {
    if (record instanceof CloudAccount a && !a.spec().credentials().isEmpty()) {
      Map<String, String> masked = new LinkedHashMap<>();
      a.spec().credentials().keySet().forEach(k -> masked.put(k, MASK));
      @SuppressWarnings("unchecked")
      R out = (R) a.withSpec(a.spec().withCredentials(masked));
      return out;
    }
    return record;
  }

  /** The record with its secret values put back over what its body holds. */
  static <R extends Resource<?>> R restored(R record, Map<String, String> secrets) {
    if (record instanceof CloudAccount a && !secrets.isEmpty()) {
      Map<String, String> real = new LinkedHashMap<>(a.spec().credentials());
      real.putAll(secrets);
      @SuppressWarnings("unchecked")
      R out = (R) a.withSpec(a.spec().withCredentials(real));
      return out;
    }
    return record;
  }
}

package dev.palette.dsl;

import dev.palette.model.CloudAccount;
import dev.palette.model.CloudAccountSpec;
import java.util.function.Consumer;

/** One cloud account: read, watch, change (credential rotation) and delete it. */
public interface CloudAccountResource extends NamedResource<CloudAccount> {
  /**
   * Changes the account; this is how credentials are rotated. The builder starts from the account as
   * stored, its credentials {@link CloudAccountSpec#REDACTED}: a credential left so keeps its value,
   * one given a new value takes it, and one removed from the map is dropped. The provider of the
   * account's cloud type checks the result. Name and cloud type cannot change.
   *
   * @return the account as stored, its credentials redacted
   * @throws dev.palette.error.ValidationException naming every field at fault
   * @throws dev.palette.error.NotFoundException when there is no such account
   */
  CloudAccount update(Consumer<CloudAccountSpec.Builder> changes);
}

package dev.palette.dsl;

import dev.palette.model.CloudAccount;
import dev.palette.model.CloudAccountSpec;
import java.util.function.Consumer;

/**
 * Cloud accounts in one scope. The provider of the account's cloud type checks it on create and
 * update. What comes back has its credentials redacted ({@link CloudAccountSpec#REDACTED}).
 */
public interface CloudAccounts extends Listable<CloudAccount> {
  CloudAccount create(CloudAccountSpec spec);

  default CloudAccount create(Consumer<CloudAccountSpec.Builder> spec) {
    return create(Specs.build("CloudAccount", CloudAccountSpec.builder(), spec, CloudAccountSpec.Builder::build));
  }

  /**
   * One account. Its {@code update} is how credentials are rotated
   * ({@code withName("aws").update(a -> a.putCredential("secretAccessKey", next))}): the builder starts
   * from the account as stored, its credentials {@link CloudAccountSpec#REDACTED}; a credential left so
   * keeps its value, one given a new value takes it, one removed from the map is dropped. The provider
   * of the account's cloud type checks the result; name and cloud type cannot change, and the
   * returned account has its credentials redacted.
   */
  UpdatableResource<CloudAccount, CloudAccountSpec.Builder> withName(String name);
}

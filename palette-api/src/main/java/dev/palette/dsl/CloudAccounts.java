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
    CloudAccountSpec.Builder builder = CloudAccountSpec.builder();
    spec.accept(builder);
    return create(builder.build());
  }

  CloudAccountResource withName(String name);
}

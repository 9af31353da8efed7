package dev.palette.dsl;

import dev.palette.model.CloudAccount;
import dev.palette.model.CloudAccountSpec;
import java.util.function.Consumer;

/** Cloud accounts in one scope. The provider of the account's cloud type checks it on create. */
public interface CloudAccounts extends Listable<CloudAccount> {
  CloudAccount create(CloudAccountSpec spec);

  default CloudAccount create(Consumer<CloudAccountSpec.Builder> spec) {
    return create(Specs.build("CloudAccount", CloudAccountSpec.builder(), spec, CloudAccountSpec.Builder::build));
  }

  NamedResource<CloudAccount> withName(String name);
}

package dev.palette.dsl;

import dev.palette.model.CloudAccount;

/** One cloud account. */
public interface CloudAccountResource extends NamedResource<CloudAccount> {
  /**
   * Deletes the account.
   *
   * @throws dev.palette.error.ConflictException while a host cluster still uses it
   */
  void delete();
}

package dev.palette.dsl;

/** One named record that can be read, watched and deleted. */
public interface NamedResource<R> extends Gettable<R> {
  /**
   * Deletes the record.
   *
   * @throws dev.palette.error.NotFoundException when there is none
   * @throws dev.palette.error.ConflictException while other records still use it
   */
  void delete();
}

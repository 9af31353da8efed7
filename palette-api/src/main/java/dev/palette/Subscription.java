package dev.palette;

/** A registration for change events; close it to stop receiving them. */
@FunctionalInterface
public interface Subscription extends AutoCloseable {
  @Override
  void close();
}

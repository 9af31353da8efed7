package dev.palette.core.store.directory;

import java.nio.file.Path;

/** Run in a child JVM by the lock test: holds a store open until its standard input ends. */
public final class LockHolder {
  private LockHolder() {}

  public static void main(String[] args) throws Exception {
    try (DirectoryStateStore store = DirectoryStateStore.open(Path.of(args[0]))) {
      System.out.println("locked " + store.directory());
      System.out.flush();
      while (System.in.read() >= 0) {
        // Wait for the parent to close our input.
      }
    }
  }
}

package dev.palette.core.store.directory;

import dev.palette.error.PaletteException;
import java.nio.file.Path;

/** Run in a child JVM by the lock tests: tries once to open a store and says what happened. */
public final class LockProbe {
  private LockProbe() {}

  public static void main(String[] args) {
    try (DirectoryStateStore store = DirectoryStateStore.open(Path.of(args[0]))) {
      System.out.println("opened " + store.directory());
    } catch (PaletteException e) {
      System.out.println("refused: " + e.getMessage());
    }
  }
}

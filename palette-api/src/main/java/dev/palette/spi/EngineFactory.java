package dev.palette.spi;

import dev.palette.Palette;

/** How {@code palette-api} finds the engine: {@code palette-core} registers one through ServiceLoader. */
public interface EngineFactory {
  Palette create(EngineConfig config);
}

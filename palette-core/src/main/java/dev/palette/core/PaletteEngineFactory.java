package dev.palette.core;

import dev.palette.Palette;
import dev.palette.spi.EngineConfig;
import dev.palette.spi.EngineFactory;

/** Registered with ServiceLoader so that {@code Palette.builder().build()} finds this engine. */
public final class PaletteEngineFactory implements EngineFactory {
  @Override
  public Palette create(EngineConfig config) {
    return new PaletteEngine(config);
  }
}

package dev.palette.benchmarks.engine;

import dev.palette.Palette;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code Palette.builder().build()} with the memory store in a fresh JVM: every fork measures one
 * cold start (class loading, ServiceLoader discovery, engine start). Target: 300 ms.
 *
 * <p>{@code java -jar benchmarks/target/benchmarks.jar ColdStartBenchmark}
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 0)
@Measurement(iterations = 1)
@Fork(10)
public class ColdStartBenchmark {
  @Benchmark
  public int buildAndClose() {
    try (Palette palette = Palette.builder().build()) {
      return palette.providerIds().size();
    }
  }
}

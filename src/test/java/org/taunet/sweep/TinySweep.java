package org.taunet.sweep;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Sweeps of EP points that take about a second each (tiny net, 200 examples), for executor and report tests. */
public final class TinySweep {
  private TinySweep() {}

  /** The shared data folder; skips the calling test (visibly) when MNIST is not there. */
  public static Path data() {
    Path d = Path.of(System.getProperty("taunet.shared.data", "../shared/data")).toAbsolutePath().normalize();
    assumeTrue(Files.isDirectory(d.resolve("mnist")), "MNIST not found under " + d + ": sweep test skipped");
    return d;
  }

  /** A spec named {@code name} of tiny `ep train` points with the given grid (YAML flow map). */
  public static SweepSpec spec(String name, String grid, int epochs) throws IOException {
    String yaml = "name: " + name + "\ncommand: [ep, train]\nargs: [--quiet]\n"
        + "flags: {preset: quick, hidden: 16, train-limit: 200, test-limit: 100, epochs: " + epochs + ", t-free: 10}\n"
        + "grid: " + grid + "\nresources: {cpus: 1, mem: 600M, time: '00:05:00'}\n";
    return SweepSpec.read(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), name);
  }
}

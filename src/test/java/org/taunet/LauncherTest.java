package org.taunet;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.taunet.numerics.Kernels;
import org.taunet.sweep.PointRunner;
import org.taunet.sweep.SweepSpec;

/** The launcher and the sweep workers start their JVMs with the same JIT options. */
class LauncherTest {
  @Test
  void launcherAndSweepWorkersPassTheJitOptions() throws Exception {
    String launcher = Files.readString(Path.of("taunet"));
    var worker = PointRunner.jvm(SweepSpec.Resources.DEFAULT);
    for (String option : Kernels.JIT_OPTIONS) {
      assertTrue(launcher.contains(option), "the launcher lacks " + option);
      assertTrue(worker.contains(option), "sweep workers lack " + option + ": " + worker);
    }
  }
}

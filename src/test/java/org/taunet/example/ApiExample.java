package org.taunet.example;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.taunet.data.Dataset;
import org.taunet.data.DatasetSplit;
import org.taunet.ep.Activation;
import org.taunet.ep.EpConfig;
import org.taunet.ep.EpTrainer;
import org.taunet.run.RunDir;
import org.taunet.tau.TauDistribution;
import org.taunet.tau.TauSpec;
import org.taunet.train.OptimizerSpec;
import org.taunet.train.StateBundle;
import org.taunet.train.TrainLoop;

/**
 * The example of docs/api.md, compiled and run by {@code ApiExampleTest} in this build and, against the installed
 * artifact, by the consumer project examples/consumer (scripts/consumer-test). The lines between the two
 * {@code api.md} markers are the documented snippet; ApiExampleTest checks that docs/api.md shows them unchanged.
 */
public final class ApiExample {
  private ApiExample() {}

  /** Trains the example network in a new run folder under the system's temporary directory. */
  public static void main(String[] args) throws Exception {
    run(Files.createTempDirectory("taunet-api"));
  }

  /** Trains the example network in run folder {@code dir} and returns its final test accuracy. */
  public static double run(Path dir) throws Exception {
    // api.md begin
    // Per-neuron time steps dt_i (dimensionless) from a truncated normal: HTS-EP.
    TauDistribution tau = TauSpec.parse("normal:mean=0.5,sd=0.1,min=0.05,max=1");
    // One hidden layer of 32, 3 epochs of minibatches of 10, T1 = 20 free and T2 = 4 nudged steps,
    // beta = 1 with a random sign, persistent particles, SGD with one rate per weight layer, seed 1.
    EpConfig cfg = new EpConfig("blobs", List.of(32), Activation.HARD_SIGMOID, EpConfig.Dynamics.GRADIENT,
        tau, 3, 10, 20, 4, 1.0, true, false, true, List.of(0.2, 0.1), OptimizerSpec.Kind.SGD, 0.9, 1e-3,
        50, 0, 0, 1);
    DatasetSplit data = new DatasetSplit(blobs(400, 1), blobs(100, 2), "");
    EpTrainer trainer = new EpTrainer(cfg, data, RunDir.create(dir)); // config.json, metrics.csv, ...
    TrainLoop.Result result = trainer.train(false, new TrainLoop.Listener() {});
    double accuracy = (double) result.summary().get("test_acc");
    // The trained parameters by name: W1 [16, 32], b1, dt1 [32], W2 [32, 4], b2, dt2 [4].
    StateBundle state = StateBundle.of(trainer.learner().network());
    for (String name : state.names()) {
      StateBundle.Tensor t = (StateBundle.Tensor) state.entry(name);
      System.out.println(name + " " + Arrays.toString(t.shape()) + " first " + t.data()[0]);
    }
    System.out.println("test accuracy " + accuracy);
    // api.md end
    return accuracy;
  }

  /** {@code n} examples of 16 inputs in [0, 1]: class c (of 4) lights inputs 4c..4c+3, plus noise. */
  static Dataset blobs(int n, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    float[] x = new float[n * 16];
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      y[i] = rng.nextInt(4);
      for (int j = 0; j < 16; j++) {
        x[i * 16 + j] = (float) Math.min(1, (j / 4 == y[i] ? 0.8 : 0) + 0.2 * rng.nextDouble());
      }
    }
    return new Dataset("blobs", x, y, n, 16, 4);
  }
}

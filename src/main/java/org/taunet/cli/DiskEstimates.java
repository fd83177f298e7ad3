package org.taunet.cli;

import java.util.ArrayList;
import java.util.List;
import org.taunet.data.spikes.CochleaConfig;
import org.taunet.data.text.TextCorpus;
import org.taunet.elm.ElmConfig;
import org.taunet.ep.EpConfig;
import org.taunet.rnn.RnnConfig;
import org.taunet.rnn.RnnNetwork;
import org.taunet.rnn.RnnTrainer;
import org.taunet.sweep.DiskCheck;
import org.taunet.sweep.DiskCheck.Estimate;

/**
 * Disk estimates of one taunet command line (a sweep point), from its resolved config. Checkpoints hold float32
 * tensors: an EP checkpoint the weights, biases and time steps, the optimizer state (none for SGD, one copy for
 * momentum, two for Adam) and, while running with persistent particles, one state per example and unit
 * ((train + test examples) x (hidden + output units) floats: 144 MB for net1 on MNIST); a finished EP run drops the
 * particles unless {@code --keep-particles}. RNN and ELM checkpoints hold the parameters and two Adam moments (RNN:
 * also the current and initial taus and the initial W and Win). While a checkpoint is rewritten the old file and the new temporary one coexist.
 */
final class DiskEstimates {
  private DiskEstimates() {}

  /** Metrics, logs, JSON files and headers of one run folder. */
  static final long FOLDER_OVERHEAD = 256 << 10;

  /** The estimate for {@code args} (the words after "taunet"); an unknown command gets the folder overhead only. */
  static Estimate of(List<String> args) {
    return TrainCommand.apply(args, Family::estimate,
        why -> new Estimate(FOLDER_OVERHEAD, FOLDER_OVERHEAD, why));
  }

  /** EP on an MNIST-family dataset (784 inputs, 10 classes, 60000 training and 10000 test examples before limits). */
  static Estimate ep(EpConfig c) {
    int[] sizes = c.layerSizes(784, 10);
    long params = 0, units = 0;
    for (int l = 1; l < sizes.length; l++) {
      params += (long) sizes[l - 1] * sizes[l] + 2L * sizes[l]; // W, b, dt
      units += sizes[l];
    }
    int slots = switch (c.optimizer()) {
      case ADAM, ADAMW -> 2;
      case MOMENTUM -> 1;
      case SGD -> 0;
    };
    long weights = 4 * (params + slots * (params - units)); // optimizer state for W and b, not dt
    long examples = (long) epTrainExamples(c) + epTestExamples(c);
    long particles = c.persistent() ? 4 * examples * units : 0;
    long running = weights + particles;
    long kept = c.keepParticles() ? running : weights;
    String what = "EP " + join(sizes) + ", " + DiskCheck.human(running) + " checkpoint while running"
        + (c.persistent() && !c.keepParticles() ? ", particles dropped at the end" : "");
    return new Estimate(kept + FOLDER_OVERHEAD, kept + 2 * running + FOLDER_OVERHEAD, what);
  }

  static Estimate rnn(RnnConfig c) {
    RnnNetwork net = RnnTrainer.newNetwork(c, c.newTask());
    long params = 0;
    for (float[] p : net.params()) params += p.length;
    // net/<param> and Adam's m and v for each, net/tau, init/W, init/Win, init/tau
    long ck = 4 * (3 * params + net.tau.length + net.w.length + net.win.length + net.tau.length);
    return new Estimate(ck + FOLDER_OVERHEAD, 2 * ck + FOLDER_OVERHEAD, "RNN " + net.n + " units, " + params + " parameters");
  }

  static Estimate elm(ElmConfig c) {
    int in, out;
    if (c.charLevel()) {
      in = out = TextCorpus.VOCAB;
    } else {
      in = c.task().startsWith("shd") ? 700 : CochleaConfig.DEFAULT.channels();
      out = c.task().endsWith("-adding") ? 19 : c.task().startsWith("shd") ? 20 : 10;
    }
    long params = c.model() != ElmConfig.Model.ELM ? c.baselineParams(in, c.baselineHidden(in, out), out)
        : c.shape(in, out).paramCount();
    long ck = 4 * 3 * params;
    return new Estimate(ck + FOLDER_OVERHEAD, 2 * ck + FOLDER_OVERHEAD, c.model() + " " + params + " parameters");
  }

  /** EP training examples of an MNIST-family dataset (60,000 before --train-limit); also the time estimate's. */
  static int epTrainExamples(EpConfig c) {
    return limited(60_000, c.trainLimit());
  }

  /** EP test examples (10,000 before --test-limit). */
  static int epTestExamples(EpConfig c) {
    return limited(10_000, c.testLimit());
  }

  private static int limited(int n, int limit) {
    return limit > 0 && limit < n ? limit : n;
  }

  private static String join(int[] sizes) {
    List<String> s = new ArrayList<>();
    for (int v : sizes) s.add(Integer.toString(v));
    return String.join("-", s);
  }
}

package org.taunet.cli;

import org.taunet.bench.EpBench;
import org.taunet.bench.RnnBench;
import org.taunet.bench.Work;
import org.taunet.data.spikes.CochleaConfig;
import org.taunet.elm.ElmConfig;
import org.taunet.elm.ElmShape;
import org.taunet.ep.EpConfig;
import org.taunet.rnn.RnnConfig;
import org.taunet.tasks.Task;

/**
 * The arithmetic of one training run from its resolved config ({@link Work}), counted as {@code taunet bench} counts
 * its workloads, for the time estimate that {@code sweep run} prints ({@link org.taunet.bench.CostModel}). Counted:
 * the training steps and the evaluations the run schedules (forward passes, a third of a training step's arithmetic
 * for BPTT models); not counted: JVM start, data loading, checkpoints, end-of-run probes.
 */
final class CostEstimates {
  private CostEstimates() {}

  /** EP on an MNIST-family dataset (60000 training and 10000 test examples before limits), one test pass per epoch. */
  static Work ep(EpConfig c) {
    int[] sizes = c.layerSizes(784, 10);
    double perSample = EpBench.flopsPerSample(c, sizes);
    long train = DiskEstimates.epTrainExamples(c), test = DiskEstimates.epTestExamples(c);
    double stepsPerEpoch = Math.ceil((double) train / c.batchSize());
    double evalPerSample = EpBench.flopsPerFreePhase(c, sizes);
    double flops = c.epochs() * (train * perSample + test * evalPerSample);
    return new Work(flops, perSample * c.batchSize(), "EP " + sizes.length + " layers, " + (long) (c.epochs() * stepsPerEpoch)
        + " steps");
  }

  /** RNN: iterations minibatches of the task's longest trial, an evaluation of evalTrials trials every evalEvery. */
  static Work rnn(RnnConfig c) {
    Task task = c.newTask();
    double perTrial = RnnBench.flopsPerTrial(c.units(), task.nIn(), task.nOut(), task.maxSteps());
    double evals = Math.floor((double) c.iterations() / c.evalEvery()) + 1;
    double flops = (double) c.iterations() * c.batchSize() * perTrial + evals * c.evalTrials() * perTrial / 3;
    return new Work(flops, perTrial * c.batchSize(), "RNN " + c.units() + " units, " + c.iterations() + " steps of "
        + task.maxSteps() + " time steps");
  }

  /**
   * ELM, LSTM or leaky RNN. Spike task (1 s at the bin width): every epoch's training sequences and its held-out sets
   * once. Text (char-level LM) with {@code --max-steps S}: S steps of batch x segment bytes, and evalBytes bytes
   * forward at every evalEvery steps, at the end and on the test stream; without a step cap the stream length, which
   * is in the data, sets the run's length, so there is no estimate.
   */
  static Work elm(ElmConfig c) {
    if (c.charLevel()) return text(c);
    boolean shd = c.task().startsWith("shd"), adding = c.task().endsWith("-adding");
    int in = shd ? 700 : CochleaConfig.DEFAULT.channels(), out = adding ? 19 : shd ? 20 : 10;
    long train = shd ? 8156 : adding ? 2160 : 2700, heldOut = shd ? 2264 : adding ? 2000 : 300;
    double steps = Math.round(1000 / c.binMs());
    double perSequence = steps * perStepBatch(c, in, out);
    double flops = c.epochs() * (train * perSequence + heldOut * perSequence / 3);
    return new Work(flops, perSequence * c.batchSize(), c.model() + ", " + (long) steps + " time steps");
  }

  private static Work text(ElmConfig c) {
    if (c.maxSteps() == 0 || c.evalBytes() == 0) {
      return Work.unknown("text tasks without --max-steps and --eval-bytes: no estimate (the stream length is in the data)");
    }
    int vocab = 256;
    double perByte = perStepBatch(c, vocab, vocab) + 3 * 2.0 * readoutInputs(c, vocab, vocab) * vocab;
    double trainBytes = (double) c.maxSteps() * c.batchSize() * c.segment();
    double evals = Math.floor((double) c.maxSteps() / c.evalEvery()) + 2;
    double flops = trainBytes * perByte + evals * c.evalBytes() * perByte / 3;
    return new Work(flops, perByte * c.batchSize() * c.segment(), c.model() + ", " + c.maxSteps() + " steps of "
        + c.batchSize() + " x " + c.segment() + " bytes");
  }

  // forward + backward (3 x) multiply-adds (2 x) per time step and batch row, without the readout
  private static double perStepBatch(ElmConfig c, int in, int out) {
    if (c.model() != ElmConfig.Model.ELM) { // LSTM: 4 gates on [u, h]; leaky RNN: one product on [u, tanh(x)]
      int h = c.baselineHidden(in, out);
      int gates = c.model() == ElmConfig.Model.LSTM ? 4 : 1;
      return 3 * 2.0 * gates * h * ((double) in + h);
    }
    ElmShape s = c.shape(in, out);
    return s.units() * 3 * 2.0 * ((double) (s.synapses() + s.memory()) * s.mlpHidden()
        + (double) s.mlpHidden() * s.memory());
  }

  // what the readout reads: N d_m memories of the ELM, H hidden units of a baseline
  private static int readoutInputs(ElmConfig c, int in, int out) {
    if (c.model() != ElmConfig.Model.ELM) return c.baselineHidden(in, out);
    ElmShape s = c.shape(in, out);
    return s.units() * s.memory();
  }
}

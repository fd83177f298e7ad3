package org.taunet.bench;

import java.util.Arrays;
import java.util.Map;
import org.taunet.data.text.TextCorpus;
import org.taunet.elm.ElmConfig;
import org.taunet.elm.ElmShape;
import org.taunet.elm.ElmTrainer;
import org.taunet.run.Seeds;
import org.taunet.seq.SeqModel;
import org.taunet.seq.SeqTraining;
import org.taunet.seq.TextLm;
import org.taunet.train.StepResult;

/**
 * ELM character-level language model throughput (the GCIDE / enwik8 stand-in of issue 16): bytes (= characters) per
 * second of one truncated-BPTT training step of {@link TextLm}, the trainable {@code taunet elm train --task text}
 * runs: the next segment of every track, forward over the segment with the state carried from the previous one,
 * cross-entropy at every byte, BPTT through the segment, clipped Adam. Model and optimizer are built as
 * {@link ElmTrainer} builds them, from the default text config ({@link #config()}); the corpus is a fixed English
 * text repeated ({@link #syntheticText}), so no dataset is needed. The cost of a step does not depend on the bytes
 * (one-hot inputs).
 *
 * <p>GFLOP/s uses the dense-equivalent convention of {@link ElmBench} (forward multiply-adds x 2, backward twice
 * the forward): the issue-6 neuron count per unit and byte, plus the readout N d_m x 256, which runs at every byte
 * here (a classification workload reads out once per sequence).
 */
public final class CharLmBench {
  private CharLmBench() {}

  /** Bytes of the synthetic training stream: 2^18, 81 steps of the default config (32 x 100 bytes) per pass. */
  static final int CORPUS_BYTES = 1 << 18;

  /** The config of {@code taunet elm train --task text} with every other flag at its default. */
  public static ElmConfig config() {
    return ElmConfig.defaults().with("task=text");
  }

  /** Dense-equivalent FLOPs per trained byte (see the class comment) of {@code shape}. */
  static double flopsPerByte(ElmShape s) {
    ElmBench.Workload w = new ElmBench.Workload("char-lm", s.units(), s.memory(), s.mlpHidden(), s.branches(),
        s.inputs(), 1, 1);
    return w.flopsPerStepBatch() + 3.0 * 2.0 * s.units() * s.memory() * s.outputs();
  }

  /** Prints the char-level LM row of {@code taunet bench --workload elm}: median of {@code repeats} timed steps. */
  public static void printRow(int repeats) {
    Trainer t = new Trainer(config(), syntheticText(CORPUS_BYTES));
    double rate = bytesPerSecond(t, repeats);
    ElmShape s = t.shape();
    System.out.printf("%nELM char-level LM (N=%d, k_e=d_m=%d, d_mlp=%d, k_c=%d of 256 one-hot bytes, batch %d, "
        + "segment %d; one TBPTT step + clipped Adam on synthetic text, median of %d): %.0f bytes/s, "
        + "%.2f MFLOP/byte*, %.1f GFLOP/s*%n", s.units(), s.memory(), s.mlpHidden(), s.synapses(), t.batch, t.segment,
        Math.max(1, repeats), rate, flopsPerByte(s) / 1e6, rate * flopsPerByte(s) / 1e9);
    System.out.println("* dense-equivalent: 3 x 2 x ((k_c + d_m) d_mlp + d_mlp d_m) per unit (the issue-6 convention) "
        + "plus 3 x 2 x N d_m x 256 for the readout, per byte; the kernels skip the zero one-hot inputs");
  }

  /** Median bytes/s over {@code repeats} timed steps after the warm-up of {@link ElmBench#medianSeconds}. */
  static double bytesPerSecond(Trainer t, int repeats) {
    return t.bytesPerStep() / ElmBench.medianSeconds(t::step, repeats);
  }

  /** A fixed English text repeated to {@code n} bytes: learnable (a model soon predicts its letters). */
  public static byte[] syntheticText(int n) {
    byte[] unit = ("The quick brown fox jumps over the lazy dog; pack my box with five dozen liquor jugs. "
        + "How vexingly quick daft zebras jump! Sphinx of black quartz, judge my vow.\n")
        .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    byte[] out = new byte[n];
    for (int i = 0; i < n; i++) out[i] = unit[i % unit.length];
    return out;
  }

  /** The model, optimizer and {@link TextLm} of a char-level config on a given stream; {@link #step} trains once. */
  public static final class Trainer {
    private final TextLm lm;
    private final ElmShape shape;
    final int batch, segment;
    private long step;

    /** {@code cfg} (a char-level ELM config) training on {@code text}; model and optimizer as {@link ElmTrainer}. */
    public Trainer(ElmConfig cfg, byte[] text) {
      if (!cfg.charLevel()) throw new IllegalArgumentException("not a char-level config: task " + cfg.task());
      batch = cfg.batchSize();
      segment = cfg.segment();
      SeqModel model = ElmTrainer.newModel(cfg, TextCorpus.VOCAB, TextCorpus.VOCAB, new Seeds(cfg.seed()));
      shape = cfg.shape(TextCorpus.VOCAB, TextCorpus.VOCAB);
      byte[] held = Arrays.copyOf(text, Math.min(text.length, batch * (segment + 1)));
      TextCorpus corpus = new TextCorpus("synthetic", text, held, held, "CharLmBench.syntheticText");
      lm = new TextLm(ElmTrainer.FAMILY, model, SeqTraining.optimizer(model, ElmTrainer.optimizerSpec(cfg)), corpus,
          batch, segment, cfg.evalBytes(), Map.of(), null);
      lm.startEpoch(0);
    }

    /** One training step of {@link TextLm#step} (a new pass, as an epoch starts, when the stream is used up). */
    public StepResult step() {
      if (step == lm.stepsPerEpoch()) {
        lm.startEpoch(0);
        step = 0;
      }
      StepResult r = lm.step(0, step, step);
      step++;
      return r;
    }

    /** Bytes predicted (and trained on) per step: batch x segment. */
    public long bytesPerStep() {
      return (long) batch * segment;
    }

    /** The ELM architecture being trained. */
    public ElmShape shape() {
      return shape;
    }
  }
}

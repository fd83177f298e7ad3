package org.taunet.run;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.taunet.bench.EpBench;
import org.taunet.data.DatasetSplit;
import org.taunet.data.text.TextCorpus;
import org.taunet.elm.DelayedCueTask;
import org.taunet.elm.ElmConfig;
import org.taunet.elm.ElmTrainer;
import org.taunet.ep.Activation;
import org.taunet.ep.EpConfig;
import org.taunet.ep.EpTrainer;
import org.taunet.rnn.RnnConfig;
import org.taunet.rnn.RnnTrainer;
import org.taunet.train.OptimizerSpec;
import org.taunet.train.TrainLoop;
import org.taunet.train.Window;

/**
 * A tiny training run of one family in its own JVM, for {@link ReproducibilityTest}: {@code TrainChild FAMILY DIR
 * fresh|resume [PAUSE_AT]}. Prints "step N" after every optimizer step (N counted from the start of this process);
 * with PAUSE_AT it prints "paused N" at that step and blocks until it is killed. Families: ep (synthetic MNIST-like
 * data, checkpoint every 2 steps, so mid-epoch; ep-tanh: leaky dynamics with tanh, i.e. scalar Math.tanh), rnn (perceptual decision making, checkpoint per evaluation), elm (delayed-cue spikes,
 * checkpoints every 3 steps, so mid-epoch), elm-text (next-byte prediction with the state carried between segments,
 * checkpoints every 4 steps). Exit code 0 when the run finished.
 */
public final class TrainChild {
  /** Optimizer steps of each family's run and the step of its first checkpoint. */
  static final int EP_STEPS = 15, EP_FIRST = 2, RNN_STEPS = 12, RNN_FIRST = 3, ELM_STEPS = 18, ELM_FIRST = 3,
      TEXT_STEPS = 15, TEXT_FIRST = 4;

  private static final PrintStream OUT = System.out;
  private static int steps;
  private static int pauseAt = -1;

  private TrainChild() {}

  public static void main(String[] args) throws Exception {
    String family = args[0];
    Path dir = Path.of(args[1]);
    boolean resume = args[2].equals("resume");
    if (args.length > 3) pauseAt = Integer.parseInt(args[3]);
    RunDir run = resume ? RunDir.open(dir) : RunDir.create(dir);
    String status = switch (family) {
      case "ep" -> ep(run, resume, false);
      case "ep-tanh" -> ep(run, resume, true);
      case "rnn" -> new RnnTrainer(rnnConfig(), run).train(resume, new TrainLoop.Listener() {
        @Override public void step(long step, long stepInEpoch, Window running) { TrainChild.step(); }
      }).status().name();
      case "elm" -> elm(run, resume, false);
      case "elm-text" -> elm(run, resume, true);
      default -> throw new IllegalArgumentException("unknown family " + family);
    };
    OUT.println("done " + status);
    OUT.flush();
  }

  /** One optimizer step done: report it, and block at the pause step until the parent kills this JVM. */
  static void step() {
    steps++;
    OUT.println("step " + steps);
    if (steps == pauseAt) {
      OUT.println("paused " + steps);
      OUT.flush();
      try {
        while (true) Thread.sleep(60_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    OUT.flush();
  }

  static String ep(RunDir run, boolean resume, boolean tanh) throws IOException {
    EpConfig p = EpConfig.preset("net1");
    Activation act = tanh ? Activation.TANH : p.activation();
    EpConfig.Dynamics dyn = tanh ? EpConfig.Dynamics.LEAKY : p.dynamics();
    EpConfig cfg = new EpConfig("synthetic", List.of(20), act, dyn, org.taunet.tau.TauSpec.of("gamma:mean=0.5,k=4,max=1"),
        3, 20, 20, 4, 0.5, true, false, true, List.of(0.1, 0.05), OptimizerSpec.Kind.SGD, 0.9, 1e-3, 50, 0, 0, 7)
        .withCheckpoints(EP_FIRST, 0); // 5 steps per epoch: checkpoints mid-epoch too
    DatasetSplit split = new DatasetSplit(EpBench.syntheticMnist(100, 1), EpBench.syntheticMnist(40, 2), "");
    return new EpTrainer(cfg, split, run).train(resume, new TrainLoop.Listener() {
      @Override public void step(long step, long stepInEpoch, Window running) { TrainChild.step(); }
    }).status().name();
  }

  static RnnConfig rnnConfig() {
    RnnConfig d = RnnConfig.defaults();
    // 20 units: whole vectors and a scalar tail of 4 per row (8- or 16-lane vectors)
    return new RnnConfig("perceptual-dm", d.dtMs(), "uniform", 20, d.gain(), d.activation(), d.integrator(), false,
        false, 0.0, d.loss(), 8, RNN_STEPS, 1e-2, d.gradClip(), 0, RNN_FIRST, 16, 0.9, 0, 5);
  }

  static String elm(RunDir run, boolean resume, boolean text) throws IOException {
    ElmConfig d = ElmConfig.defaults();
    // k_e = 12: memory 12 and MLP width 24 wide, so dot products have a vector part and a scalar tail
    ElmConfig cfg = new ElmConfig(text ? "text" : "fsdd", ElmConfig.Model.ELM, 2, 12, 0, 0, 0, d.version(),
        d.activation(), 1, 50, null, false, 3, 5, 0.5, 16, 1.0, 0, 1, text ? 1 : 3, 8, 1e-2, 1.0, 20, 10, 0, 0,
        text ? TEXT_FIRST : ELM_FIRST, 0, 7);
    ElmTrainer tr = text ? new ElmTrainer(cfg, null, toyCorpus(), run)
        : new ElmTrainer(cfg, new DelayedCueTask(12, 4, 48, 16, 2), null, run);
    return tr.train(resume, new TrainLoop.Listener() {
      @Override public void step(long step, long stepInEpoch, Window running) { TrainChild.step(); }
    }).status().name();
  }

  /** 2400 + 200 + 200 bytes of random words: 15 steps of 8 x 20 bytes per pass. */
  static TextCorpus toyCorpus() {
    byte[] text = new byte[2_800];
    SplittableRandom rng = new SplittableRandom(3);
    String[] words = {"the ", "cat ", "sat ", "on ", "mat "};
    for (int p = 0; p < text.length; ) {
      for (char ch : words[rng.nextInt(words.length)].toCharArray()) if (p < text.length) text[p++] = (byte) ch;
    }
    return new TextCorpus("toy", Arrays.copyOf(text, 2_400), Arrays.copyOfRange(text, 2_400, 2_600),
        Arrays.copyOfRange(text, 2_600, 2_800), "toy");
  }
}

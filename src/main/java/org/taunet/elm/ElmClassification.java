package org.taunet.elm;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.taunet.data.seq.SequenceTask;
import org.taunet.data.seq.SequenceTask.Split;
import org.taunet.run.Seeds;
import org.taunet.seq.CrossEntropy;
import org.taunet.seq.SeqModel;
import org.taunet.seq.SeqTraining;
import org.taunet.seq.SparseInput;
import org.taunet.train.LegacyMapping;
import org.taunet.train.Optimizer;
import org.taunet.train.Stateful;
import org.taunet.train.StepResult;
import org.taunet.train.TrainLoop;
import org.taunet.train.Trainable;
import org.taunet.train.Window;

/**
 * Sequence classification (the last time step scored) of an ELM network, LSTM or leaky RNN, as a {@link Trainable}: an epoch is
 * floor(train size / batch) minibatches in an order drawn from (seed, epoch), after the task's own epoch draw
 * ({@link SequenceTask#newEpoch}, also from (seed, epoch)); so every epoch, and every step of it, is a function of the
 * seed and its position, and a resume needs only the network and optimizer ({@code net/params}, {@code opt/...}).
 *
 * <p>Metrics columns: {@code train_loss}, {@code train_acc} (the running window since the previous row),
 * {@code valid_loss}, {@code valid_acc}, {@code test_loss}, {@code test_acc} (whole splits); throughput column
 * {@code samples_per_s}. Summary: the caller's fields, then {@code epoch}, {@code train_acc}, {@code valid_acc},
 * {@code test_acc} of the last row, {@code best_valid_acc}, {@code chance}, {@code data_note}.
 */
public final class ElmClassification implements Trainable {
  private final SeqModel model;
  private final Optimizer opt;
  private final SequenceTask task;
  private final Seeds seeds;
  private final Map<String, Object> summaryHead;
  private final LegacyMapping legacy;
  private final SparseInput input = new SparseInput();
  private final int b, t, k;
  private final float[] x, logits, dLogits;
  private final int[] labels;
  private final Stateful state;
  private int[] order;

  /**
   * @param batchSize sequences per minibatch (at most the training set's size is used)
   * @param summaryHead the family's first summary fields (task, model, parameter count)
   * @param legacy how to read pre-core checkpoints, or null
   */
  public ElmClassification(SeqModel model, Optimizer opt, SequenceTask task, int batchSize, Seeds seeds,
                           Map<String, Object> summaryHead, LegacyMapping legacy) {
    this.model = model;
    this.opt = opt;
    this.task = task;
    this.seeds = seeds;
    this.summaryHead = new LinkedHashMap<>(summaryHead);
    this.legacy = legacy;
    b = Math.min(batchSize, task.size(Split.TRAIN));
    t = task.steps();
    k = task.numClasses();
    x = new float[t * b * task.channels()];
    logits = new float[b * k];
    dLogits = new float[b * k];
    labels = new int[b];
    state = SeqTraining.state(model, opt, false);
  }

  @Override
  public String family() {
    return ElmTrainer.FAMILY;
  }

  /** Minibatches per epoch: floor(train size / batch); the last partial batch of the shuffled order is left out. */
  @Override
  public long stepsPerEpoch() {
    return task.size(Split.TRAIN) / b;
  }

  /** The epoch's examples ({@code task} stream of (seed, epoch)) and order ({@code shuffle} stream). */
  @Override
  public void startEpoch(int epoch) {
    task.newEpoch(seeds.epochStream("task", epoch));
    order = Seeds.permutation(task.size(Split.TRAIN), seeds.epochStream("shuffle", epoch));
  }

  @Override
  public StepResult step(int epoch, long stepInEpoch, long step) {
    int from = Math.toIntExact(stepInEpoch * b);
    task.fill(Split.TRAIN, Arrays.copyOfRange(order, from, from + b), x, labels);
    input.setDense(x, t, b, task.channels());
    return SeqTraining.step(model, opt, input, t - 1, labels, logits, dLogits, false);
  }

  @Override
  public Map<String, Object> evaluate(Window train) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("train_loss", train.meanLoss());
    row.put("train_acc", train.accuracy());
    double[] valid = evaluate(Split.VALID), test = evaluate(Split.TEST);
    row.put("valid_loss", valid[0]);
    row.put("valid_acc", valid[1]);
    row.put("test_loss", test[0]);
    row.put("test_acc", test[1]);
    return row;
  }

  /** {mean loss in nats, accuracy} over a whole split, in batches of b in order (the last one smaller). */
  public double[] evaluate(Split split) {
    int n = task.size(split);
    double loss = 0, correct = 0;
    for (int from = 0; from < n; from += b) {
      int m = Math.min(b, n - from);
      int[] idx = new int[m];
      for (int q = 0; q < m; q++) idx[q] = from + q;
      float[] xs = m == b ? x : new float[t * m * task.channels()];
      int[] ys = m == b ? labels : new int[m];
      task.fill(split, idx, xs, ys);
      input.setDense(xs, t, m, task.channels());
      model.forward(input, t - 1, logits, false);
      double[] lc = CrossEntropy.loss(logits, ys, m, k, null);
      loss += lc[0];
      correct += lc[1];
    }
    return new double[] {loss / n, correct / n};
  }

  @Override
  public Stateful state() {
    return state;
  }

  @Override
  public boolean isFinite() {
    return SeqTraining.finite(model);
  }

  @Override
  public double chance() {
    return 1.0 / k;
  }

  @Override
  public Map<String, Object> summary(TrainLoop.Status status, List<Map<String, String>> rows) {
    Map<String, Object> s = new LinkedHashMap<>(summaryHead);
    if (!rows.isEmpty()) {
      Map<String, String> last = rows.get(rows.size() - 1);
      for (String key : List.of("epoch", "train_acc", "valid_acc", "test_acc")) s.put(key, Double.parseDouble(last.get(key)));
      s.put("best_valid_acc", rows.stream().mapToDouble(r -> Double.parseDouble(r.get("valid_acc"))).max().orElse(Double.NaN));
    }
    s.put("chance", 1.0 / k);
    s.put("data_note", task.note());
    return s;
  }

  @Override
  public LegacyMapping legacy() {
    return legacy;
  }
}

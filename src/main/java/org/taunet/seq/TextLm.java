package org.taunet.seq;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.taunet.data.text.CharBatches;
import org.taunet.data.text.TextCorpus;
import org.taunet.train.LegacyMapping;
import org.taunet.train.Optimizer;
import org.taunet.train.StateReader;
import org.taunet.train.StateWriter;
import org.taunet.train.Stateful;
import org.taunet.train.StepResult;
import org.taunet.train.TrainLoop;
import org.taunet.train.Trainable;
import org.taunet.train.Window;

/**
 * Next-byte prediction with truncated BPTT, as a {@link Trainable} of any {@link SeqModel}: the training stream is cut
 * into {@code batch} tracks ({@link CharBatches}); each step trains on the next {@code segment} bytes of every track
 * with the recurrent state carried from the previous segment (no gradient through it). An epoch is one pass over the
 * stream ({@link CharBatches#segmentsPerPass()} steps) and starts from a zero state.
 *
 * <p>Metrics columns: {@code train_bpc} (the running window's mean loss in bits per byte) and {@code valid_bpc}
 * (held-out bits per character over the first {@code evalBytes} of the validation stream, read the same way from a
 * zero state, so the first bytes of each track have no context: a slight overestimate); throughput column
 * {@code bytes_per_s}. Summary: the caller's fields, then {@code valid_bpc}, {@code test_bpc}, {@code eval_bytes},
 * {@code data_note}.
 *
 * <p>State ({@link SeqTraining#state}): {@code net/params}, {@code net/state} (the carried state), {@code opt/...}
 * and {@code data/position} (segments of the current pass already read).
 */
public final class TextLm implements Trainable {
  private static final double LN2 = Math.log(2);
  private final String family;
  private final SeqModel model;
  private final Optimizer opt;
  private final TextCorpus corpus;
  private final int batch, segment, k = TextCorpus.VOCAB;
  private final long evalBytes;
  private final Map<String, Object> summaryHead;
  private final LegacyMapping legacy;
  private final CharBatches batches;
  private final SparseInput input = new SparseInput();
  private final int[] inputs, targets;
  private final float[] logits, dLogits;
  private final Stateful state;

  /**
   * @param family the family name of the checkpoint (e.g. "elm")
   * @param model a model with {@link TextCorpus#VOCAB} inputs and outputs
   * @param opt the optimizer over the model's parameters ({@link SeqTraining#optimizer})
   * @param batch parallel tracks
   * @param segment truncated-BPTT segment length in bytes
   * @param evalBytes held-out bytes evaluated (0: the whole validation / test stream)
   * @param summaryHead the family's first summary fields (e.g. task, model, parameter count)
   * @param legacy how to read the family's pre-core checkpoints, or null
   */
  public TextLm(String family, SeqModel model, Optimizer opt, TextCorpus corpus, int batch, int segment,
                long evalBytes, Map<String, Object> summaryHead, LegacyMapping legacy) {
    this.family = Objects.requireNonNull(family, "family");
    this.model = model;
    this.opt = opt;
    this.corpus = corpus;
    this.batch = batch;
    this.segment = segment;
    this.evalBytes = evalBytes;
    this.summaryHead = new LinkedHashMap<>(summaryHead);
    this.legacy = legacy;
    batches = new CharBatches(corpus.train(), batch, segment);
    inputs = new int[segment * batch];
    targets = new int[segment * batch];
    logits = new float[segment * batch * k];
    dLogits = new float[segment * batch * k];
    Stateful net = SeqTraining.state(model, opt, true);
    state = new Stateful() {
      @Override
      public void exportState(StateWriter out) {
        net.exportState(out);
        out.writeLong("data/position", batches.position());
      }

      @Override
      public void importState(StateReader in) {
        long p = in.readLong("data/position");
        if (p < 0 || p > batches.segmentsPerPass()) {
          throw new org.taunet.train.StateException("data/position " + p + " outside [0, " + batches.segmentsPerPass()
              + "]");
        }
        net.importState(in);
        batches.seek((int) p);
      }
    };
  }

  @Override
  public String family() {
    return family;
  }

  /** Segments per pass over the training stream. */
  @Override
  public long stepsPerEpoch() {
    return batches.segmentsPerPass();
  }

  /** Rewinds the stream and zeroes the carried state. */
  @Override
  public void startEpoch(int epoch) {
    batches.seek(0);
    model.resetState(batch);
  }

  @Override
  public StepResult step(int epoch, long stepInEpoch, long step) {
    if (!batches.next(inputs, targets)) throw new IllegalStateException("pass over the training stream already done");
    input.setOneHot(inputs, segment, batch, k);
    return SeqTraining.step(model, opt, input, 0, targets, logits, dLogits, true);
  }

  @Override
  public Map<String, Object> evaluate(Window train) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("train_bpc", train.meanLoss() / LN2);
    row.put("valid_bpc", bitsPerChar(corpus.valid()));
    return row;
  }

  /** Held-out bits per character over the first evalBytes of {@code stream}; the carried training state is kept. */
  public double bitsPerChar(byte[] stream) {
    long limit = evalBytes > 0 ? Math.min(evalBytes, stream.length) : stream.length;
    byte[] text = Arrays.copyOf(stream, (int) limit);
    float[] saved = model.carriedState().clone();
    CharBatches held = new CharBatches(text, batch, segment);
    model.resetState(batch);
    double loss = 0;
    long n = 0;
    while (held.next(inputs, targets)) {
      input.setOneHot(inputs, segment, batch, k);
      model.forward(input, 0, logits, true);
      loss += CrossEntropy.loss(logits, targets, segment * batch, k, null)[0];
      n += (long) segment * batch;
    }
    if (saved.length != model.carriedState().length) model.resetState(SeqTraining.batchOf(model, saved.length));
    System.arraycopy(saved, 0, model.carriedState(), 0, saved.length);
    return loss / n / LN2;
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
  public String throughputColumn() {
    return "bytes_per_s";
  }

  @Override
  public Map<String, Object> summary(TrainLoop.Status status, List<Map<String, String>> rows) {
    Map<String, Object> s = new LinkedHashMap<>(summaryHead);
    s.put("valid_bpc", bitsPerChar(corpus.valid()));
    s.put("test_bpc", bitsPerChar(corpus.test()));
    s.put("eval_bytes", evalBytes);
    s.put("data_note", corpus.note());
    return s;
  }

  @Override
  public LegacyMapping legacy() {
    return legacy;
  }
}

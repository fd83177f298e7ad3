package org.taunet.elm;

import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.taunet.data.text.CharBatches;
import org.taunet.data.text.TextCorpus;
import org.taunet.run.MetricsCsv;

/**
 * Next-byte prediction with truncated BPTT: the training stream is cut into batch tracks ({@link CharBatches}), each
 * step trains on the next segment of every track with the recurrent state carried from the previous one. Every
 * evalEvery steps a metrics row reports the training and held-out bits per character; held-out text is read the
 * same way from a zero state, so its first bytes per track have no context (a slight overestimate).
 */
final class TextLoop implements ElmTrainer.Loop {
  private static final double LN2 = Math.log(2);
  private final ElmTrainer tr;
  private final MetricsCsv metrics;
  private final ElmTrainer.Listener listener;
  private final int b, seg, k = TextCorpus.VOCAB;
  private final int[] inputs, targets;
  private final float[] logits, dLogits;
  private long step;

  TextLoop(ElmTrainer tr, MetricsCsv metrics, ElmTrainer.Listener listener) {
    this.tr = tr;
    this.metrics = metrics;
    this.listener = listener;
    b = tr.cfg.batchSize();
    seg = tr.cfg.segment();
    inputs = new int[seg * b];
    targets = new int[seg * b];
    logits = new float[seg * b * k];
    dLogits = new float[seg * b * k];
  }

  @Override public ElmTrainer.Status run(ElmCheckpoint.Position pos) throws IOException {
    ElmConfig cfg = tr.cfg;
    CharBatches batches = new CharBatches(tr.corpus.train(), b, seg);
    batches.seek(pos.streamPosition());
    if (pos.step() == 0) tr.model.resetState(b);
    step = pos.step();
    double lossSum = pos.lossSum(), count = pos.count();
    int every = cfg.checkpointEvery() > 0 ? cfg.checkpointEvery() : cfg.evalEvery();
    for (int epoch = pos.epoch(); epoch <= cfg.epochs(); ) {
      if (!batches.next(inputs, targets)) { // pass complete: next epoch from a zero state
        epoch++;
        batches.seek(0);
        tr.model.resetState(b);
        continue;
      }
      tr.input.setOneHot(inputs, seg, b, k);
      double[] lc = tr.step(0, targets, logits, dLogits, true);
      lossSum += lc[0];
      count += seg * b;
      step++;
      if (step % cfg.evalEvery() == 1 || cfg.evalEvery() == 1) listener.phase("steps " + step + "..", cfg.evalEvery());
      listener.progress((step - 1) % cfg.evalEvery() + 1, String.format("train %.3f bpc", lossSum / count / LN2));
      if (!ElmTrainer.finite(tr.model.params())) return ElmTrainer.Status.DIVERGED;
      boolean timeUp = tr.outOfTime();
      if (step % cfg.evalEvery() == 0 || timeUp) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("step", step);
        row.put("epoch", epoch);
        row.put("train_bpc", lossSum / count / LN2);
        row.put("valid_bpc", bitsPerChar(tr.corpus.valid()));
        row.put("train_seconds", tr.trainSeconds());
        row.put("bytes_per_s", step * (double) seg * b / tr.trainSeconds());
        metrics.append(row);
        listener.row(row);
        lossSum = count = 0;
      }
      if (step % every == 0 || timeUp) {
        ElmCheckpoint.save(tr.run.file(ElmCheckpoint.FILE),
            new ElmCheckpoint.Position(epoch, 0, step, tr.trainSeconds(), lossSum, 0, count, batches.position()),
            tr.model, tr.adam);
      }
      if (timeUp) return ElmTrainer.Status.TIME_LIMIT;
    }
    return ElmTrainer.Status.FINISHED;
  }

  /** Held-out bits per character over the first evalBytes of {@code stream}; the training state is kept. */
  double bitsPerChar(byte[] stream) {
    long limit = tr.cfg.evalBytes() > 0 ? Math.min(tr.cfg.evalBytes(), stream.length) : stream.length;
    byte[] text = Arrays.copyOf(stream, (int) limit);
    float[] saved = tr.model.carriedState().clone();
    CharBatches held = new CharBatches(text, b, seg);
    tr.model.resetState(b);
    double loss = 0;
    long n = 0;
    while (held.next(inputs, targets)) {
      tr.input.setOneHot(inputs, seg, b, k);
      tr.model.forward(tr.input, 0, logits, true);
      loss += CrossEntropy.loss(logits, targets, seg * b, k, null)[0];
      n += (long) seg * b;
    }
    System.arraycopy(saved, 0, tr.model.carriedState(), 0, saved.length);
    return loss / n / LN2;
  }

  @Override public Map<String, Object> finish(ElmTrainer.Status status) {
    Map<String, Object> s = tr.summary(status, step);
    s.put("valid_bpc", bitsPerChar(tr.corpus.valid()));
    s.put("test_bpc", bitsPerChar(tr.corpus.test()));
    s.put("eval_bytes", tr.cfg.evalBytes());
    s.put("data_note", tr.corpus.note());
    return s;
  }
}

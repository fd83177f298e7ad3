package org.taunet.tasks;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Base of the declarative tasks: an ordered list of named periods with {@link Duration}s in ms, named input and output
 * channels, and a {@link #fill} method that writes one trial's inputs and targets with the helpers of {@link Builder}.
 * Defaults: the target is output 0 (fixation) on every step of the trial and the mask is 1 on every step of the trial
 * (0 on padding), then {@code decisionWeight} on the decision period.
 */
public abstract class PeriodTask implements Task {
  /** The period whose length keys the accuracy-by-delay breakdown ({@link Trial#delaySteps()}). */
  public static final String DELAY = "delay";

  private final String name;
  private final double dtMs;
  private final LinkedHashMap<String, Duration> periods;
  private final List<String> inputs;
  private final List<String> outputs;
  private final String decisionPeriod;
  private final double decisionWeight;
  private final int maxSteps;

  /**
   * @param periods periods in trial order, with their durations in ms
   * @param decisionPeriod the period where the choice is reported
   * @param decisionWeight loss weight of the decision steps (1 = as every other step)
   */
  protected PeriodTask(String name, double dtMs, Map<String, Duration> periods, List<String> inputs,
                       List<String> outputs, String decisionPeriod, double decisionWeight) {
    if (!(dtMs > 0) || !Double.isFinite(dtMs)) throw new IllegalArgumentException("dt must be > 0 ms: " + dtMs);
    if (!periods.containsKey(decisionPeriod)) throw new IllegalArgumentException("no period " + decisionPeriod);
    if (!(decisionWeight > 0)) throw new IllegalArgumentException("decision weight must be > 0: " + decisionWeight);
    this.name = name;
    this.dtMs = dtMs;
    this.periods = new LinkedHashMap<>(periods);
    this.inputs = List.copyOf(inputs);
    this.outputs = List.copyOf(outputs);
    this.decisionPeriod = decisionPeriod;
    this.decisionWeight = decisionWeight;
    int t = 0;
    for (Duration d : periods.values()) t += Duration.steps(d.maxMs(), dtMs);
    this.maxSteps = t;
    if (Duration.steps(periods.get(decisionPeriod).maxMs(), dtMs) == 0) {
      throw new IllegalArgumentException("the decision period must last at least one step");
    }
  }

  @Override public String name() { return name; }
  @Override public double dtMs() { return dtMs; }
  @Override public List<String> inputNames() { return inputs; }
  @Override public List<String> outputNames() { return outputs; }
  @Override public int maxSteps() { return maxSteps; }

  /** The periods and their durations, in trial order. */
  public Map<String, Duration> periods() {
    return java.util.Collections.unmodifiableMap(periods);
  }

  /** Writes this trial's inputs (and any non-fixation targets); returns the correct choice (an output index >= 1). */
  protected abstract int fill(Builder b, SplittableRandom rng);

  @Override
  public Trial sample(SplittableRandom rng) {
    Builder b = new Builder(rng);
    int label = fill(b, rng);
    if (label < 1 || label >= outputs.size()) throw new IllegalStateException(name + ": bad label " + label);
    int[] dec = b.span(decisionPeriod);
    b.target(label, decisionPeriod);
    for (int t = dec[0]; t < dec[1]; t++) b.mask[t] = (float) decisionWeight;
    int[] delay = b.spans.get(DELAY);
    return new Trial(b.in, b.target, b.mask, label, dec[0], dec[1], b.length, delay == null ? -1 : delay[1] - delay[0]);
  }

  /** One trial under construction: period spans in steps, inputs, targets and mask (padded to maxSteps). */
  protected final class Builder {
    private final Map<String, int[]> spans = new LinkedHashMap<>();
    final float[][] in;
    final float[][] target;
    final float[] mask;
    final int length;

    Builder(SplittableRandom rng) {
      int t = 0;
      for (Map.Entry<String, Duration> e : periods.entrySet()) {
        int n = Duration.steps(e.getValue().sample(rng), dtMs);
        spans.put(e.getKey(), new int[] {t, t + n});
        t += n;
      }
      length = t;
      in = new float[maxSteps][inputs.size()];
      target = new float[maxSteps][outputs.size()];
      mask = new float[maxSteps];
      for (int s = 0; s < length; s++) {
        target[s][0] = 1;
        mask[s] = 1;
      }
    }

    /** [start, end) of a period in steps. */
    public int[] span(String period) {
      int[] s = spans.get(period);
      if (s == null) throw new IllegalArgumentException(name + " has no period " + period);
      return s;
    }

    /** Sets input channel {@code channel} to {@code value} over the given periods. */
    public void input(String channel, float value, String... periodNames) {
      int c = index(inputs, channel);
      for (String p : periodNames) {
        int[] s = span(p);
        for (int t = s[0]; t < s[1]; t++) in[t][c] = value;
      }
    }

    /** Sets input channel {@code channel} at one step. */
    public void inputAt(String channel, int step, float value) {
      in[step][index(inputs, channel)] = value;
    }

    /** Adds N(0, sd^2) noise to every input channel on every step of the trial (not the padding), channel-major. */
    public void noiseAll(double sd, SplittableRandom rng) {
      if (sd == 0) return;
      for (int c = 0; c < inputs.size(); c++) for (int t = 0; t < length; t++) in[t][c] += (float) (sd * gaussian(rng));
    }

    /** Adds N(0, sd^2) noise to the channel over a period. */
    public void noise(String channel, double sd, String period, SplittableRandom rng) {
      int c = index(inputs, channel);
      int[] s = span(period);
      for (int t = s[0]; t < s[1]; t++) in[t][c] += (float) (sd * gaussian(rng));
    }

    /** The sum of an input channel over a period. */
    public double sum(String channel, String period) {
      int c = index(inputs, channel);
      int[] s = span(period);
      double total = 0;
      for (int t = s[0]; t < s[1]; t++) total += in[t][c];
      return total;
    }

    /** Makes {@code output} the one-hot target over a period. */
    public void target(int output, String period) {
      int[] s = span(period);
      for (int t = s[0]; t < s[1]; t++) {
        java.util.Arrays.fill(target[t], 0f);
        target[t][output] = 1;
      }
    }
  }

  /** Standard normal draw (Box-Muller; one value per call, so a trial's draws do not depend on call pairing). */
  static double gaussian(SplittableRandom rng) {
    double u = 1 - rng.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.nextDouble());
  }

  static int index(List<String> names, String name) {
    int i = names.indexOf(name);
    if (i < 0) throw new IllegalArgumentException("no channel '" + name + "' in " + names);
    return i;
  }
}

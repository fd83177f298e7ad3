package org.taunet.data.spikes;

import java.util.Arrays;

/**
 * Encodes audio into spike trains SHD-style: a bank of 4th-order gammatone filters (ERB-rate spaced), half-wave
 * rectification with square-root compression (the hair cell), and one leaky integrate-and-fire neuron per channel
 * (the auditory nerve). Stateless apart from the filter coefficients; safe to share between threads.
 *
 * <p>Per channel c with centre frequency f_c (Glasberg and Moore 1990: ERB(f) = 24.7 (4.37 f / 1000 + 1) Hz,
 * bandwidth b = 1.019 ERB(f_c)) applied to the pre-emphasised recording x[n] = s[n] - k s[n-1] scaled to a fixed
 * RMS, the gammatone is a cascade of four complex one-pole filters (the all-pole complex
 * gammatone), with pole p = exp(-2 pi b / fs) exp(i 2 pi f_c / fs) and a = |p|:
 * w_k[n] = (1 - a) w_{k-1}[n] + p w_k[n-1], w_0 = x, output y[n] = 2 Re w_4[n] (unit gain at f_c).
 * Hair cell: r[n] = sqrt(max(0, y[n])). LIF: v += (dt / tau) (gain r - v); a spike at v >= 1 resets v to 0 and starts
 * the refractory period.
 */
public final class CochleaEncoder {
  private final CochleaConfig config;
  private final double[] centreHz;
  private final double[] poleRe;
  private final double[] poleIm;
  private final double[] oneMinusA;
  private final int sampleRate;

  /** An encoder for recordings at {@code sampleRate} Hz. */
  public CochleaEncoder(CochleaConfig config, int sampleRate) {
    if (config.fMaxHz() >= sampleRate / 2.0) {
      throw new IllegalArgumentException("fMaxHz " + config.fMaxHz() + " must be below Nyquist " + sampleRate / 2.0);
    }
    this.config = config;
    this.sampleRate = sampleRate;
    int n = config.channels();
    centreHz = new double[n];
    poleRe = new double[n];
    poleIm = new double[n];
    oneMinusA = new double[n];
    double eMin = erbRate(config.fMinHz());
    double eMax = erbRate(config.fMaxHz());
    for (int c = 0; c < n; c++) {
      double fc = inverseErbRate(n == 1 ? eMin : eMin + (eMax - eMin) * c / (n - 1));
      double b = 1.019 * 24.7 * (4.37 * fc / 1000 + 1);  // bandwidth, Glasberg & Moore ERB
      double a = Math.exp(-2 * Math.PI * b / sampleRate);
      double w = 2 * Math.PI * fc / sampleRate;
      centreHz[c] = fc;
      poleRe[c] = a * Math.cos(w);
      poleIm[c] = a * Math.sin(w);
      oneMinusA[c] = 1 - a;
    }
  }

  /** ERB-rate scale (number of ERBs below f), Glasberg and Moore 1990. */
  static double erbRate(double hz) { return 21.4 * Math.log10(1 + 4.37e-3 * hz); }

  static double inverseErbRate(double e) { return (Math.pow(10, e / 21.4) - 1) / 4.37e-3; }

  /** Centre frequency of channel {@code c}, Hz. */
  public double centreHz(int c) { return centreHz[c]; }

  /**
   * Encodes one recording. Spike times are sample instants n / fs in seconds, sorted, ties ordered by channel.
   *
   * @param samples audio at the encoder's sample rate (not modified)
   * @param label class label of the result
   */
  public SpikeTrain encode(float[] samples, int label) {
    // Pre-emphasis x[n] - k x[n-1], then scaling to the target RMS.
    double[] x = new double[samples.length];
    double pre = config.preEmphasis();
    double rms = 0;
    for (int i = 0; i < x.length; i++) {
      x[i] = samples[i] - (i > 0 ? pre * samples[i - 1] : 0);
      rms += x[i] * x[i];
    }
    rms = Math.sqrt(rms / Math.max(1, x.length));
    double scale = rms > 0 ? config.targetRms() / rms : 0;
    for (int i = 0; i < x.length; i++) x[i] *= scale;
    LongList keys = new LongList();
    int channels = config.channels();
    for (int c = 0; c < channels; c++) encodeChannel(x, c, keys);
    long[] k = keys.toSortedArray();
    float[] times = new float[k.length];
    int[] units = new int[k.length];
    for (int i = 0; i < k.length; i++) {
      times[i] = (float) ((k[i] / channels) / (double) sampleRate);
      units[i] = (int) (k[i] % channels);
    }
    return new SpikeTrain(times, units, label);
  }

  /** Runs channel {@code c} over {@code x} and appends (sample * channels + c) for each spike to {@code out}. */
  private void encodeChannel(double[] x, int c, LongList out) {
    double pr = poleRe[c];
    double pi = poleIm[c];
    double g = oneMinusA[c];
    double r1 = 0, i1 = 0, r2 = 0, i2 = 0, r3 = 0, i3 = 0, r4 = 0, i4 = 0;
    double leak = 1000.0 / (config.tauMs() * sampleRate);  // dt / tau
    double gain = config.gain();
    int refractory = (int) Math.round(config.refractoryMs() * sampleRate / 1000);
    double v = 0;
    int blocked = 0;
    int channels = config.channels();
    for (int n = 0; n < x.length; n++) {
      // Four complex one-pole stages: w_k = (1 - a) w_{k-1} + p w_k[n-1].
      double nr1 = g * x[n] + pr * r1 - pi * i1;
      double ni1 = pr * i1 + pi * r1;
      double nr2 = g * nr1 + pr * r2 - pi * i2;
      double ni2 = g * ni1 + pr * i2 + pi * r2;
      double nr3 = g * nr2 + pr * r3 - pi * i3;
      double ni3 = g * ni2 + pr * i3 + pi * r3;
      double nr4 = g * nr3 + pr * r4 - pi * i4;
      double ni4 = g * ni3 + pr * i4 + pi * r4;
      r1 = nr1; i1 = ni1; r2 = nr2; i2 = ni2; r3 = nr3; i3 = ni3; r4 = nr4; i4 = ni4;
      // Hair cell: half-wave rectification and square-root compression of y = 2 Re w_4.
      double y = 2 * r4;
      double drive = y > 0 ? gain * Math.sqrt(y) : 0;
      // LIF membrane, Euler step; refractory samples hold v at 0.
      if (blocked > 0) {
        blocked--;
        continue;
      }
      v += leak * (drive - v);
      if (v >= 1) {
        out.add((long) n * channels + c);
        v = 0;
        blocked = refractory;
      }
    }
  }

  /** A growable long array. */
  private static final class LongList {
    private long[] a = new long[1024];
    private int n;

    void add(long v) {
      if (n == a.length) a = Arrays.copyOf(a, 2 * n);
      a[n++] = v;
    }

    long[] toSortedArray() {
      long[] r = Arrays.copyOf(a, n);
      Arrays.sort(r);
      return r;
    }
  }
}

package org.taunet.data.spikes;

import java.util.Locale;

/**
 * Parameters of the cochlea-like spike encoder ({@link CochleaEncoder}); every default is in {@link #DEFAULT} with its
 * reason.
 *
 * @param channels number of gammatone channels, ERB-rate spaced between {@code fMinHz} and {@code fMaxHz}
 * @param fMinHz centre frequency of the lowest channel, Hz
 * @param fMaxHz centre frequency of the highest channel, Hz (below the Nyquist frequency of the recordings)
 * @param preEmphasis coefficient k of the first-order pre-emphasis x[n] - k x[n-1] applied first (a stand-in for the
 *     outer/middle ear, which boosts the 1-4 kHz range relative to the voice fundamental); 0 disables it
 * @param targetRms every recording is scaled to this RMS before filtering (an automatic gain control)
 * @param gain input gain of the LIF encoders: a channel fires when gain * sqrt(rectified output) exceeds 1 on average
 * @param tauMs membrane time constant of the LIF encoders, ms
 * @param refractoryMs absolute refractory period after a spike, ms
 */
public record CochleaConfig(int channels, double fMinHz, double fMaxHz, double preEmphasis,
    double targetRms, double gain, double tauMs, double refractoryMs) {
  /**
   * The defaults. 128 channels: the 8 kHz recordings span about 25 ERBs between 100 Hz and 3.8 kHz, so 128 channels
   * already oversample the ERB scale about five-fold (SHD's 700 channels model a 16 kHz+ cochlea in finer detail);
   * more channels add redundant, correlated inputs and cost. 100 Hz..3.8 kHz covers adult voice pitch to just below
   * Nyquist. Pre-emphasis 0.95 is the usual speech value. Unit RMS, gain 5 and tau 5 ms give about 1300 spikes per
   * recording (measured in docs/data-spikes.md) and almost none in the silent parts; the threshold is sharp (gain 3
   * gives ~240 spikes, gain 6 ~2000). A 1 ms refractory period caps a channel at 1 kHz.
   */
  public static final CochleaConfig DEFAULT = new CochleaConfig(128, 100, 3800, 0.95, 1, 5, 5, 1);

  /** Validates ranges. */
  public CochleaConfig {
    if (channels < 1 || channels > 4096) throw new IllegalArgumentException("channels must be in 1..4096: " + channels);
    if (!(fMinHz > 0 && fMaxHz > fMinHz)) throw new IllegalArgumentException("need 0 < fMinHz < fMaxHz");
    if (!(preEmphasis >= 0 && preEmphasis < 1)) throw new IllegalArgumentException("preEmphasis must be in [0, 1)");
    if (!(targetRms > 0) || !(gain > 0) || !(tauMs > 0) || !(refractoryMs >= 0)) {
      throw new IllegalArgumentException("targetRms, gain and tauMs must be > 0 and refractoryMs >= 0");
    }
  }

  /** The same configuration with {@code n} channels. */
  public CochleaConfig withChannels(int n) {
    return new CochleaConfig(n, fMinHz, fMaxHz, preEmphasis, targetRms, gain, tauMs, refractoryMs);
  }

  /** A canonical one-line description, used as the cache key and in provenance notes. */
  public String key() {
    return String.format(Locale.ROOT, "gammatone4-erb channels=%d fmin=%s fmax=%s pre=%s rms=%s gain=%s tau=%sms ref=%sms "
        + "hwr-sqrt-lif", channels, fMinHz, fMaxHz, preEmphasis, targetRms, gain, tauMs, refractoryMs);
  }
}

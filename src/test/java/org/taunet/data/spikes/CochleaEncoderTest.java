package org.taunet.data.spikes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CochleaEncoderTest {
  private final CochleaEncoder enc = new CochleaEncoder(CochleaConfig.DEFAULT, 8000);

  @Test void channelsAreErbSpacedOverTheRange() {
    assertEquals(100, enc.centreHz(0), 1e-6);
    assertEquals(3800, enc.centreHz(127), 1e-6);
    double d1 = CochleaEncoder.erbRate(enc.centreHz(1)) - CochleaEncoder.erbRate(enc.centreHz(0));
    double d2 = CochleaEncoder.erbRate(enc.centreHz(101)) - CochleaEncoder.erbRate(enc.centreHz(100));
    assertEquals(d1, d2, 1e-9);
  }

  @Test void aToneExcitesTheChannelsTunedToIt() {
    SpikeTrain s = enc.encode(Wavs.tone(8000, 1000, 0.5), 3);
    assertEquals(3, s.label());
    assertTrue(s.size() > 100, "spikes: " + s.size());
    int near = 0;
    for (int u : s.units()) if (Math.abs(CochleaEncoder.erbRate(enc.centreHz(u)) - CochleaEncoder.erbRate(1000)) < 2) near++;
    assertTrue(near > 0.8 * s.size(), near + " of " + s.size() + " spikes within 2 ERB of 1 kHz");
    for (int i = 1; i < s.size(); i++) assertTrue(s.times()[i] >= s.times()[i - 1]);
    assertTrue(s.times()[s.size() - 1] < 0.5);
  }

  @Test void silenceGivesNoSpikes() {
    assertEquals(0, enc.encode(new float[4000], 0).size());
  }

  @Test void rejectsChannelsAboveNyquist() {
    assertThrows(IllegalArgumentException.class, () -> new CochleaEncoder(CochleaConfig.DEFAULT, 6000));
  }
}

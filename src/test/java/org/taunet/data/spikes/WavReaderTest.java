package org.taunet.data.spikes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.taunet.data.DataFormatException;

class WavReaderTest {
  private static final float[] X = {0f, 0.25f, -0.5f, 0.75f};

  @Test void readsMono16BitPcm() throws Exception {
    WavReader.Audio a = WavReader.parse("t.wav", Wavs.pcm16(8000, X));
    assertEquals(8000, a.sampleRate());
    assertEquals(4, a.samples().length);
    for (int i = 0; i < X.length; i++) assertEquals(X[i], a.samples()[i], 1e-4);
    assertEquals(4 / 8000.0, a.seconds(), 1e-12);
  }

  private static String reject(byte[] bytes) {
    return assertThrows(DataFormatException.class, () -> WavReader.parse("bad.wav", bytes)).getMessage();
  }

  @Test void rejectsTruncatedFiles() {
    byte[] ok = Wavs.pcm16(8000, X);
    String m = reject(Arrays.copyOf(ok, ok.length - 2));
    assertTrue(m.startsWith("bad.wav: truncated"), m);
    assertTrue(reject(Arrays.copyOf(ok, 10)).contains("too short"));
  }

  @Test void rejectsOtherFormats() {
    assertTrue(reject(Wavs.wav(3, 1, 8000, 16, 8, X)).contains("not PCM"));
    assertTrue(reject(Wavs.wav(1, 2, 8000, 16, 8, X)).contains("only mono"));
    assertTrue(reject(Wavs.wav(1, 1, 8000, 8, 8, X)).contains("only 16-bit"));
    assertTrue(reject(Wavs.wav(1, 1, 8000, 16, 7, X)).contains("not whole 16-bit samples"));
    byte[] notRiff = Wavs.pcm16(8000, X);
    notRiff[0] = 'X';
    assertTrue(reject(notRiff).contains("not a RIFF/WAVE file"));
  }

  @Test void rejectsAChunkRunningPastTheEnd() {
    byte[] b = Wavs.pcm16(8000, X);
    b[40] = 100;  // data chunk size 100 > the 8 bytes present
    assertTrue(reject(b).contains("chunk 'data' announces 100 bytes"), reject(b));
  }
}

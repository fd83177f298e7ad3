package org.taunet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.taunet.train.LoopState;

class LoopProgressTest {
  @Test
  void aRowIsOneLineWithEveryColumn() {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("step", 1200L);
    row.put("epoch", 2);
    row.put("train_loss", 0.123456);
    row.put("test_acc", 0.97123);
    row.put("nonconv_free", 0.0);
    row.put("train_seconds", 12.34);
    row.put("samples_per_s", 14203.7);
    assertEquals("step 1200  epoch 2/10  train_loss 0.1235  test_acc 97.12%  nonconv_free 0.00%  12.3 s  14204 samples/s",
        LoopProgress.format(row, 10));
  }

  @Test
  void rowsGoToTheGivenStreamAndNoBarWithoutATerminal() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    LoopProgress p = new LoopProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8), "iteration");
    p.start(new LoopState(), 100);
    p.epochStart(1, 0, 0);
    p.step(1, 1, org.taunet.train.Window.EMPTY);
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("step", 10L);
    row.put("loss", 0.5);
    p.evaluated(row);
    p.end(null);
    assertEquals("step 10  loss 0.5000" + System.lineSeparator(), bytes.toString(StandardCharsets.UTF_8));
  }
}

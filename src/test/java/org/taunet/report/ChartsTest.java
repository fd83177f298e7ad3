package org.taunet.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChartsTest {
  @TempDir Path dir;

  @Test
  void logAxisLinePlotWithABandReachingBelowZeroIsDrawn() throws Exception {
    // mean - sd of a small loss goes negative: XChart rejects that on a log axis unless the edge is floored
    double[] x = {0, 10, 20, 30};
    double[] y = {2.0, 0.5, 0.05, 0.01};
    double[] lower = {1.5, -0.1, -0.2, 0.0};
    double[] upper = {2.5, 1.1, 0.3, 0.02};
    Map<String, Charts.Line> lines = new LinkedHashMap<>();
    lines.put("a", new Charts.Line(x, y, lower, upper));
    Path png = dir.resolve("loss.png");
    Charts.lines(png, "loss", "iteration", "loss", lines, true);
    BufferedImage img = ImageIO.read(png.toFile());
    assertEquals(Charts.WIDTH, img.getWidth());
    int lineColour = Charts.PALETTE[0].getRGB();
    int linePixels = 0;
    for (int i = 0; i < img.getWidth(); i++) {
      for (int j = 0; j < img.getHeight(); j++) if (img.getRGB(i, j) == lineColour) linePixels++;
    }
    assertTrue(linePixels > 100, "the series is drawn: " + linePixels + " pixels of its colour");
  }

  @Test
  void positiveFloorsOnlyNonPositiveValues() {
    double[] r = Charts.positive(new double[] {1, 0, -2, Double.NaN, 3}, 0.5);
    assertEquals(1, r[0]);
    assertEquals(0.5, r[1]);
    assertEquals(0.5, r[2]);
    assertEquals(0.5, r[3]);
    assertEquals(3, r[4]);
    assertEquals(0.01, Charts.minPositive(new double[] {0.5, 0.01, -1, 0}));
  }
}

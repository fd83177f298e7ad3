package org.taunet.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.taunet.run.MetricsCsv;
import org.taunet.sweep.LocalExecutor;
import org.taunet.sweep.PointState;
import org.taunet.sweep.Sweep;
import org.taunet.sweep.TinySweep;

/** A report of a small real sweep (4 tiny EP runs: 2 tau conditions x 2 seeds). */
class ReportTest {
  @TempDir static Path tmp;
  static Sweep sweep;
  static Report.Output out;

  @BeforeAll
  static void runSweepAndReport() throws Exception {
    Path data = TinySweep.data();
    sweep = Sweep.create(tmp.resolve("sweep"), TinySweep.spec("report",
        "{tau: ['0.5', 'gamma:mean=0.5,k=4'], seed: [1, 2]}", 4), data);
    Map<PointState.State, Integer> counts = LocalExecutor.run(sweep, 2, new LocalExecutor.Listener() {});
    assertEquals(4, counts.get(PointState.State.FINISHED), counts.toString());
    out = Report.write(sweep.dir(), null);
  }

  @Test
  void everyPlotIsANonTrivialPngReferencedByThePage() throws Exception {
    assertTrue(out.html().startsWith(sweep.dir().resolve(Report.DIR)));
    String html = Files.readString(out.html());
    // 4 curves (train/test accuracy and loss) and the dt histogram
    assertEquals(5, out.pngs().size(), out.pngs().toString());
    assertTrue(out.pngs().stream().anyMatch(p -> p.getFileName().toString().equals("curve-test_acc.png")));
    assertTrue(out.pngs().stream().anyMatch(p -> p.getFileName().toString().equals("hist-dt.png")));
    for (Path png : out.pngs()) {
      BufferedImage img = ImageIO.read(png.toFile());
      assertTrue(img != null, png + " is not a readable image");
      assertEquals(Charts.WIDTH, img.getWidth());
      assertEquals(Charts.HEIGHT, img.getHeight());
      assertTrue(colours(img) >= 4, png + " is nearly one colour");
      String name = png.getFileName().toString();
      assertTrue(html.contains("href=\"" + name + "\""), "page does not link " + name);
    }
    assertEquals(out.pngs().size(), html.split("src=\"data:image/png;base64,", -1).length - 1);
    assertTrue(html.contains("tau=gamma:mean=0.5,k=4"));
  }

  @Test
  void conditionTableGroupsSeedsAndSummarisesTheRealAccuracies() throws Exception {
    List<Map<String, String>> rows = MetricsCsv.read(out.html().resolveSibling("conditions.csv"));
    assertEquals(2, rows.size());
    for (Map<String, String> r : rows) {
      assertEquals("2", r.get("runs"));
      assertEquals("2", r.get("finished"));
      assertEquals("test_acc", r.get("metric"));
      double mean = Double.parseDouble(r.get("final_mean"));
      assertTrue(mean > 0.1 && mean <= 1, r.toString());   // above chance (10 classes) after 4 epochs
      assertTrue(Double.parseDouble(r.get("epoch_to_epoch_variance")) >= 0, r.toString());
    }
    assertEquals(4, MetricsCsv.read(out.html().resolveSibling("points.csv")).size());
  }

  @Test
  void aLoneRunFolderGetsItsOwnReport() throws Exception {
    Path run = sweep.pointDir(sweep.point(0));
    Report.Output lone = Report.write(run, tmp.resolve("lone"));
    assertEquals(5, lone.pngs().size());
    for (Path png : lone.pngs()) assertTrue(colours(ImageIO.read(png.toFile())) >= 4, png.toString());
  }

  @Test
  void headlessChromiumRendersThePage() throws Exception {
    Optional<String> chromium = List.of("chromium", "chromium-browser", "google-chrome", "chromium-headless-shell")
        .stream().filter(ReportTest::onPath).findFirst();
    assumeTrue(chromium.isPresent(), "no headless Chromium on PATH: page rendering check skipped");
    Path shot = tmp.resolve("page.png");
    Process p = new ProcessBuilder(chromium.get(), "--headless", "--no-sandbox", "--disable-gpu",
        "--window-size=1200,1600", "--screenshot=" + shot, out.html().toUri().toString())
        .redirectErrorStream(true).redirectOutput(tmp.resolve("chromium.log").toFile()).start();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "chromium did not finish");
    BufferedImage img = ImageIO.read(shot.toFile());
    assertEquals(1200, img.getWidth());
    assertTrue(colours(img) >= 16, "the rendered page is nearly blank");
  }

  /** Distinct colours on a sparse grid of pixels. */
  static int colours(BufferedImage img) {
    Set<Integer> c = new HashSet<>();
    for (int y = 0; y < img.getHeight(); y += 3) for (int x = 0; x < img.getWidth(); x += 3) c.add(img.getRGB(x, y));
    return c.size();
  }

  private static boolean onPath(String exe) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir, exe))) return true;
    }
    return false;
  }
}

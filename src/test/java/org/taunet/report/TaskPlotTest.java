package org.taunet.report;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.taunet.tasks.Task;
import org.taunet.tasks.Tasks;

class TaskPlotTest {
  @Test
  void writesAPngOfOneTrial(@TempDir Path dir) throws Exception {
    Task task = Tasks.create("multiscale-wm", 50);
    Path png = dir.resolve("trial.png");
    TaskPlot.write(png, task, task.sample(new SplittableRandom(1)));
    assertTrue(Files.size(png) > 1000);
    assertTrue(ImageIO.read(png.toFile()).getWidth() == Charts.WIDTH);
  }
}

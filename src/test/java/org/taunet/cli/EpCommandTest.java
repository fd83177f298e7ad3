package org.taunet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code taunet ep train|eval|summarize} through picocli, on a small slice of real MNIST. */
class EpCommandTest {
  @TempDir Path tmp;
  static final Path DATA = Path.of(System.getProperty("taunet.shared.data", "../shared/data"));

  private record Out(int code, String stdout) {}

  private static Out run(String... args) {
    PrintStream old = System.out;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    System.setOut(new PrintStream(buf, true));
    try {
      int code = new CommandLine(new Main()).execute(args);
      return new Out(code, buf.toString());
    } finally {
      System.setOut(old);
    }
  }

  @Test
  void trainEvalResumeAndSummarizeARun() throws Exception {
    assumeTrue(Files.exists(DATA.resolve("mnist")), "MNIST not found under " + DATA + ": skipped");
    Path out = tmp.resolve("run");
    Out train = run("ep", "train", "--quiet", "--data-dir", DATA.toString(), "--preset", "quick", "--hidden", "30",
        "--epochs", "2", "--train-limit", "400", "--test-limit", "200", "--tau", "bimodal:0.25,0.75", "--seed", "3",
        "--checkpoint-every", "7", "--checkpoint-minutes", "30", "--out", out.toString());
    assertEquals(0, train.code(), train.stdout());
    assertTrue(train.stdout().contains("FINISHED after 2 epochs"), train.stdout());
    for (String f : new String[] {"config.json", "provenance.json", "metrics.csv", "dt.txt", "checkpoint.bin", "summary.json"}) {
      assertTrue(Files.exists(out.resolve(f)), f);
    }
    assertEquals(40, Files.readAllLines(out.resolve("dt.txt")).size(), "one time step per hidden and output neuron");
    assertTrue(Files.readString(out.resolve("provenance.json")).contains("\"finished\""));
    String config = Files.readString(out.resolve("config.json"));
    assertTrue(config.contains("\"checkpointEvery\" : 7") && config.contains("\"checkpointMinutes\" : 30.0"), config);

    Out eval = run("ep", "eval", "--data-dir", DATA.toString(), out.toString());
    assertEquals(0, eval.code());
    assertTrue(eval.stdout().contains("epoch 2, mnist test set (200 examples)"), eval.stdout());

    // Resuming a finished run runs no epoch and finishes again; config flags are refused with --resume.
    assertEquals(0, run("ep", "train", "--quiet", "--data-dir", DATA.toString(), "--resume", out.toString()).code());
    assertEquals(2, run("ep", "train", "--quiet", "--resume", out.toString(), "--epochs", "9").code());
    assertTrue(Files.exists(out.resolve("provenance.resume1.json")));

    Out table = run("ep", "summarize", out.toString());
    assertEquals(0, table.code());
    assertTrue(table.stdout().contains("| run | mnist | `bimodal:"), table.stdout());
  }

  @Test
  void refusesToOverwriteAnExistingRun() throws Exception {
    assumeTrue(Files.exists(DATA.resolve("mnist")), "MNIST not found under " + DATA + ": skipped");
    Path out = tmp.resolve("run");
    String[] args = {"ep", "train", "--quiet", "--data-dir", DATA.toString(), "--preset", "quick", "--hidden", "10",
        "--epochs", "1", "--train-limit", "100", "--test-limit", "100", "--out", out.toString()};
    assertEquals(0, run(args).code());
    assertTrue(run(args).code() != 0, "a second run into the same folder must fail");
  }
}

package org.taunet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.taunet.rnn.RnnConfig;
import org.taunet.run.ConfigTree;
import org.taunet.run.RunDir;
import picocli.CommandLine;

/** {@code taunet rnn train|eval|study} through picocli, on tiny networks. */
class RnnCommandTest {
  @TempDir Path tmp;

  private record Out(int code, String stdout) {}

  private static Out run(String... args) {
    PrintStream old = System.out, oldErr = System.err;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    System.setOut(new PrintStream(buf, true));
    System.setErr(new PrintStream(new ByteArrayOutputStream(), true));
    try {
      int code = new CommandLine(new Main()).execute(args);
      return new Out(code, buf.toString());
    } finally {
      System.setOut(old);
      System.setErr(oldErr);
    }
  }

  static final String[] TINY = {"--units", "8", "--iterations", "6", "--eval-every", "3", "--eval-trials", "32",
      "--batch-size", "8", "--timescale-steps", "300"};

  static String[] with(String[] base, String... more) {
    String[] all = new String[base.length + more.length];
    System.arraycopy(more, 0, all, 0, more.length);
    System.arraycopy(base, 0, all, more.length, base.length);
    return all;
  }

  @Test
  void trainEvalAndResumeARunFolder() throws Exception {
    Path out = tmp.resolve("run");
    Out train = run(with(TINY, "rnn", "train", "--quiet", "--task", "integration-wm", "--tau", "uniform:0.1,1.9",
        "--seed", "1", "--out", out.toString()));
    assertEquals(0, train.code(), train.stdout());
    assertTrue(train.stdout().contains("FINISHED after 6 steps"), train.stdout());
    for (String f : new String[] {"config.json", "provenance.json", "metrics.csv", "tau.txt", "checkpoint.bin",
        "summary.json", "timescales.csv"}) {
      assertTrue(Files.exists(out.resolve(f)), f);
    }
    assertTrue(Files.readString(out.resolve("provenance.json")).contains("\"finished\""));
    assertEquals(4, Files.readAllLines(out.resolve("metrics.csv")).size(), "header + steps 0, 3, 6");
    Out eval = run("rnn", "eval", "--trials", "40", out.toString());
    assertEquals(0, eval.code());
    assertTrue(eval.stdout().contains("step 6, integration-wm, 40 fresh trials"), eval.stdout());
    assertEquals(0, run("rnn", "train", "--quiet", "--resume", out.toString()).code());
    assertTrue(Files.exists(out.resolve("provenance.resume1.json")));
    assertEquals(2, run("rnn", "train", "--quiet", "--resume", out.toString(), "--units", "9").code());
    // dt = 200 ms with tau = 0.1 s: alpha = 2 is refused before a run folder is made
    assertTrue(run(with(TINY, "rnn", "train", "--quiet", "--dt-ms", "200", "--tau", "0.1", "--out",
        tmp.resolve("bad").toString())).code() != 0);
    assertTrue(!Files.exists(tmp.resolve("bad")));
  }

  @Test
  void helpListsEveryConfigFieldWithItsDoc() {
    String help = new CommandLine(new Main()).getSubcommands().get("rnn").getSubcommands().get("train")
        .getUsageMessage().replaceAll("\\s+", " ");
    for (ConfigTree.Field f : RnnCommand.Flags.INSTANCE.tree().fields()) {
      assertTrue(help.contains(f.flag()), f.flag());
      assertTrue(!f.doc().isEmpty() && help.contains(f.doc().replaceAll("\\s+", " ").substring(0, Math.min(15, f.doc().length()))), f.flag() + ": " + f.doc());
    }
    assertTrue(help.contains("--config") && help.contains("--set"), help);
  }

  @Test
  void aRunsConfigJsonIsReadByConfigAndSetOverrides() throws Exception {
    Path first = tmp.resolve("first");
    assertEquals(0, run(with(TINY, "rnn", "train", "--quiet", "--task", "integration-wm", "--tau", "bimodal",
        "--out", first.toString())).code());
    assertTrue(Files.readString(first.resolve("config.json")).contains("\"tau\" : \"bimodal\""));
    Path second = tmp.resolve("second");
    Out r = run("rnn", "train", "--quiet", "--config", first.resolve("config.json").toString(), "--iterations", "3",
        "--set", "seed=4", "--out", second.toString());
    assertEquals(0, r.code(), r.stdout());
    RnnConfig a = RunDir.open(first).readJson("config.json", RnnConfig.class);
    RnnConfig b = RunDir.open(second).readJson("config.json", RnnConfig.class);
    assertEquals("bimodal", b.tau().spec());
    assertEquals(3, b.iterations());
    assertEquals(4, b.seed());
    assertEquals(a.units(), b.units());
    assertEquals(a.withTauAndSeed(a.tau(), 4), new RnnConfig(b.task(), b.dtMs(), b.tau(), b.units(), b.gain(),
        b.activation(), b.integrator(), b.clipAlpha(), b.trainTau(), b.noise(), b.loss(), b.batchSize(), a.iterations(),
        b.lr(), b.gradClip(), b.truncation(), b.evalEvery(), b.evalTrials(), b.criterion(), b.timescaleSteps(), b.seed(),
        b.checkpointEvery(), b.checkpointMinutes(), b.timing(), b.taskArgs()));
  }

  @Test
  void taskTimingAndArgumentsAreConfigFieldsAndTaskShowDescribesAndPlots() throws Exception {
    Path out = tmp.resolve("timed");
    Out train = run(with(TINY, "rnn", "train", "--quiet", "--task", "integration-wm", "--timing", "delay=4000",
        "--task-args", "mu=0.15,sd=0.5", "--out", out.toString()));
    assertEquals(0, train.code(), train.stdout());
    RnnConfig c = RunDir.open(out).readJson("config.json", RnnConfig.class);
    assertEquals(java.util.List.of("delay=4000"), c.timing());
    assertEquals(java.util.List.of("mu=0.15", "sd=0.5"), c.taskArgs());
    RnnConfig d = RnnConfig.defaults();
    assertTrue(c.newTask().maxSteps() > org.taunet.tasks.Tasks.create("integration-wm", d.dtMs()).maxSteps(),
        "a 4 s delay lengthens the trial");
    assertEquals(0, run("rnn", "train", "--quiet", "--resume", out.toString()).code());
    // errors name the flag
    CliRun.of("rnn", "train", "--quiet", "--task", "integration-wm", "--timing", "nap=100", "--out",
        tmp.resolve("bad1").toString()).assertUserError(2, "--timing", "no period 'nap'");
    CliRun.of("rnn", "train", "--quiet", "--task", "integration-wm", "--task-args", "rate=1", "--out",
        tmp.resolve("bad2").toString()).assertUserError(2, "--task-args", "no argument 'rate'");
    assertTrue(!Files.exists(tmp.resolve("bad1")) && !Files.exists(tmp.resolve("bad2")));

    Out list = run("rnn", "task", "list");
    assertEquals(0, list.code());
    for (String t : org.taunet.tasks.Tasks.names()) assertTrue(list.stdout().contains(t), list.stdout());
    Path png = tmp.resolve("trial.png");
    Out show = run("rnn", "task", "show", "integration-wm", "--timing", "delay=4000", "--task-arg", "mu=0.1",
        "--png", png.toString());
    assertEquals(0, show.code(), show.stdout());
    assertTrue(show.stdout().contains("periods") && show.stdout().contains("mu") && show.stdout().contains("delay=4000"),
        show.stdout());
    assertTrue(Files.size(png) > 1000);
    CliRun.of("rnn", "task", "show", "integration-wm", "--task-arg", "rate=1").assertUserError(2, "--task-arg", "rate");
  }

  @Test
  void studyTrainsEveryConditionAndWritesTableAndPlots() throws Exception {
    Path out = tmp.resolve("study");
    Out s = run(with(TINY, "rnn", "study", "--task", "multiscale-wm", "--conditions", "vanilla,bimodal", "--seeds", "1",
        "--workers", "2", "--out", out.toString()));
    assertEquals(0, s.code(), s.stdout());
    assertTrue(s.stdout().contains("| vanilla | 1 (1) |") && s.stdout().contains("| bimodal | 1 (1) |"), s.stdout());
    for (String f : new String[] {"table.csv", "table.md", "learning-curves.png", "loss-curves.png",
        "effective-timescales.png", "intrinsic-vs-effective.png", "timescales-vanilla.png", "vanilla-s1/summary.json",
        "bimodal-s1/timescales.csv"}) {
      assertTrue(Files.exists(out.resolve(f)), f);
    }
    long mtime = Files.getLastModifiedTime(out.resolve("vanilla-s1/checkpoint.bin")).toMillis();
    assertEquals(0, run(with(TINY, "rnn", "study", "--task", "multiscale-wm", "--conditions", "vanilla,bimodal",
        "--seeds", "1", "--out", out.toString())).code());
    assertEquals(mtime, Files.getLastModifiedTime(out.resolve("vanilla-s1/checkpoint.bin")).toMillis(),
        "finished runs are not trained again");
  }
}

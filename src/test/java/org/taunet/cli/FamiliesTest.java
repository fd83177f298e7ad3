package org.taunet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.taunet.data.text.TextCorpus;
import org.taunet.elm.ElmConfig;
import org.taunet.elm.ElmTrainer;
import org.taunet.run.ConfigTree;
import org.taunet.run.RunDir;
import org.taunet.train.CheckpointFile;
import org.taunet.train.TrainLoop;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/** The family registry: commands, generated flags, disk estimates, bench workloads and documented checkpoint names. */
class FamiliesTest {
  static final Path DATA = Path.of("../shared/data");
  @TempDir Path tmp;

  private record Out(int code, String out, String err) {}

  private static Out taunet(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
    int code = Main.run(args, new PrintStream(out, true), new PrintStream(err, true));
    return new Out(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void helpListsTheFamiliesInRegistryOrderThenTheTools() {
    CommandLine cl = new CommandLine(new Main());
    List<String> names = new ArrayList<>(cl.getSubcommands().keySet());
    List<String> families = Families.ALL.stream().map(Family::name).toList();
    assertEquals(families, names.subList(0, families.size()));
    for (String tool : List.of("data", "sweep", "report", "bench")) assertTrue(names.contains(tool), tool);
    String help = taunet("--help").out();
    for (String f : families) assertTrue(help.contains("  " + f + " "), help);
  }

  @Test
  void everyConfigFieldIsAFlagOfItsFamilysTrainCommand() {
    CommandLine cl = new CommandLine(new Main());
    for (Family<?> f : Families.ALL) {
      CommandSpec train = cl.getSubcommands().get(f.name()).getSubcommands().get("train").getCommandSpec();
      assertEquals(f.train(), train.userObject().getClass(), f.name());
      assertEquals(f, Families.ofTrainCommand(f.train()).orElseThrow());
      for (ConfigTree.Field field : f.flags().tree().fields()) {
        assertTrue(train.findOption(field.flag()) != null, f.name() + " train lacks " + field.flag());
      }
    }
  }

  @Test
  void diskEstimatesComeFromTheFamily() {
    assertTrue(DiskEstimates.of(List.of("ep", "train", "--preset", "net1")).what().startsWith("EP 784-500-10"));
    assertTrue(DiskEstimates.of(List.of("elm", "train", "--task", "fsdd")).what().contains("parameters"));
  }

  @Test
  void benchRefusesAnUnknownWorkloadNamingTheRegisteredOnes() {
    Out r = taunet("bench", "--workload", "lstm");
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains("--workload") && r.err().contains("ep, ") && r.err().contains("elm")
        && r.err().contains("sweep"), r.err());
    Out points = taunet("bench", "--workload", "sweep", "--points", "0");
    assertEquals(2, points.code(), points.err());
    assertTrue(points.err().contains("--points"), points.err());
  }

  @Test
  void epCheckpointHoldsOnlyDocumentedEntries() throws Exception {
    assumeTrue(Files.exists(DATA.resolve("mnist")), "MNIST not found under " + DATA + ": skipped");
    Path out = tmp.resolve("ep");
    Out r = taunet("ep", "train", "--quiet", "--data-dir", DATA.toString(), "--preset", "quick", "--hidden", "8",
        "--epochs", "1", "--train-limit", "60", "--test-limit", "20", "--keep-particles", "--out", out.toString());
    assertEquals(0, r.code(), r.err());
    assertDocumented(EpCommand.FAMILY, out.resolve(TrainLoop.CHECKPOINT), "ep/particles/train/1");
  }

  @Test
  void elmCheckpointHoldsOnlyDocumentedEntries() throws Exception {
    ElmConfig d = ElmConfig.defaults();
    ElmConfig c = new ElmConfig("text", ElmConfig.Model.ELM, 2, 6, 0, 0, 0, d.version(), d.activation(), 1, 50, null,
        false, 3, 5, 0.5, 16, 1.0, 0, 1, 1, 8, 1e-2, 1.0, 20, 10, 0, 0, 0, 0, 7);
    byte[] text = "the cat sat on the mat ".repeat(40).getBytes(StandardCharsets.US_ASCII);
    TextCorpus corpus = new TextCorpus("toy", text, text, text, "toy");
    Path out = tmp.resolve("elm");
    new ElmTrainer(c, null, corpus, RunDir.create(out)).train(false, new TrainLoop.Listener() {});
    assertDocumented(ElmCommand.FAMILY, out.resolve(TrainLoop.CHECKPOINT), "net/state");
  }

  @Test
  void rnnCheckpointHoldsOnlyDocumentedEntries() throws Exception {
    Path out = tmp.resolve("rnn");
    Out r = taunet("rnn", "train", "--quiet", "--units", "8", "--iterations", "2", "--eval-every", "1", "--eval-trials",
        "8", "--batch-size", "8", "--timescale-steps", "0", "--train-tau", "--out", out.toString());
    assertEquals(0, r.code(), r.err());
    assertDocumented(RnnCommand.FAMILY, out.resolve(TrainLoop.CHECKPOINT), "init/Win");
    assertTrue(CheckpointFile.read(out.resolve(TrainLoop.CHECKPOINT), "rnn", null).names().contains("opt/theta/v"));
  }

  /** Every entry of the checkpoint matches the family's documented patterns, and {@code expected} is one of them. */
  private static void assertDocumented(Family<?> f, Path checkpoint, String expected) throws Exception {
    var names = CheckpointFile.read(checkpoint, f.name(), null).names();
    assertTrue(names.contains(expected), expected + " missing from " + names);
    List<String> undocumented = names.stream().filter(n -> !f.documents(n)).toList();
    assertTrue(undocumented.isEmpty(), f.name() + " checkpoint entries not in its Family.checkpoint(): " + undocumented);
    assertFalse(f.documents("bogus/entry"));
  }
}

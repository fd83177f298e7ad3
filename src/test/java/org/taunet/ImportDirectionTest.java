package org.taunet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Imports run one way (issue 11): cli -&gt; tools -&gt; model families -&gt; shared core -&gt; data -&gt; base, checked
 * over the compiled main classes ({@link ClassDeps}: the constant pool of every class in target/classes).
 *
 * <p><b>Layers</b> (a package may use its own sub-packages, any package of a lower layer, and the peer edges listed
 * in {@link #PEERS}; nothing else):
 * <pre>
 *   5 app       cli                        the commands; may use everything
 *   4 tools     report, bench              read run folders / drive family workloads; no family depends on them
 *   3 families  ep, rnn, elm               a network and its step each; independent of one another
 *   2 core      train, sweep, seq          the shared training core, sweep specs and executors (sweep -&gt; train),
 *                                          sequence models and their trainers (seq -&gt; train: SeqModel, LSTM, text LM)
 *   1 data      data (.seq .spikes .text), tasks    tasks -&gt; data: a task of trials from an .npz (NpzTask)
 *   0 base      numerics, tau, run, analysis
 * </pre>
 * Where the undecided packages sit, and why: {@code run} (atomic files, JSON, seeds, checkpoint codec, run folders)
 * and {@code analysis} (autocorrelation, exponential fits, statistics) import no other taunet package and are used
 * by data caches and families alike, so they are base. {@code tasks} (neurogym trial generators) is input data for
 * the RNN family and is to become one notion with {@code data.seq.SequenceTask}, so it is data. {@code report}
 * sits above the families because families must not import it (issue 11: "rnn must not import report"); it
 * reads run folders and sweep results instead. {@code bench} holds every family's workload, so it sits above them
 * (see {@link #MISPLACED}); the CLI's family registry ({@code cli.Families}) names each family's workload.
 *
 * <p><b>Known violations</b> ({@link #ALLOWED}) are listed one class edge at a time with the issue-11 item that
 * removes them. The test fails on any edge not listed, and also on a listed edge that no longer exists, so the list
 * can only shrink: delete its entry in the commit that removes the import.
 */
class ImportDirectionTest {
  /** Layer of each top-level package under org.taunet (sub-packages belong to their top-level package). */
  static final Map<String, Integer> LAYERS = Map.ofEntries(
      Map.entry("numerics", 0), Map.entry("tau", 0), Map.entry("run", 0), Map.entry("analysis", 0),
      Map.entry("data", 1), Map.entry("tasks", 1),
      Map.entry("train", 2), Map.entry("sweep", 2), Map.entry("seq", 2),
      Map.entry("ep", 3), Map.entry("rnn", 3), Map.entry("elm", 3),
      Map.entry("report", 4), Map.entry("bench", 4),
      Map.entry("cli", 5));

  /** Allowed edges between packages of one layer. */
  static final Set<String> PEERS = Set.of("sweep -> train", "seq -> train", "tasks -> data");

  /** Class edges that break the layering today; each entry names the issue-11 item that removes it. */
  static final List<String> ALLOWED = List.of();

  /** Benchmarks that do not live in bench yet (see {@link #benchmarksLiveInBench}). */
  static final List<String> MISPLACED = List.of();

  /** The package under org.taunet that decides the layer: "data" for org.taunet.data.spikes.SpikeCache. */
  static String component(String className) {
    String rest = className.substring("org.taunet.".length());
    int dot = rest.indexOf('.');
    return dot < 0 ? "" : rest.substring(0, dot);
  }

  /** Every edge of {@code deps} the layering forbids, as "from -> to", plus "from: no layer" for an unknown package. */
  static Set<String> violations(Map<String, Set<String>> deps) {
    Set<String> out = new TreeSet<>();
    for (Map.Entry<String, Set<String>> e : deps.entrySet()) {
      String from = component(e.getKey());
      Integer fromLayer = LAYERS.get(from);
      if (fromLayer == null) {
        out.add(e.getKey() + ": package '" + from + "' has no layer (add it to ImportDirectionTest.LAYERS)");
        continue;
      }
      for (String target : e.getValue()) {
        String to = component(target);
        Integer toLayer = LAYERS.get(to);
        boolean ok = to.equals(from) || (toLayer != null && toLayer < fromLayer) || PEERS.contains(from + " -> " + to);
        if (!ok) out.add(e.getKey() + " -> " + target);
      }
    }
    return out;
  }

  static Path mainClasses() throws URISyntaxException {
    return Path.of(org.taunet.run.Seeds.class.getProtectionDomain().getCodeSource().getLocation().toURI());
  }

  @Test
  void importsRunOneWay() throws Exception {
    Map<String, Set<String>> deps = ClassDeps.scan(mainClasses());
    assertTrue(deps.size() > 100 && deps.containsKey("org.taunet.cli.Main"), "scanned " + deps.size() + " classes");
    Set<String> found = violations(deps);
    List<String> added = new ArrayList<>(found);
    added.removeAll(ALLOWED);
    List<String> gone = new ArrayList<>(ALLOWED);
    gone.removeAll(found);
    StringBuilder msg = new StringBuilder();
    if (!added.isEmpty()) {
      msg.append("imports against the layering (cli -> report/bench -> ep/rnn/elm -> train/sweep/seq -> data/tasks -> "
          + "numerics/tau/run/analysis; see ImportDirectionTest):\n  ").append(String.join("\n  ", added)).append('\n');
    }
    if (!gone.isEmpty()) {
      msg.append("allow-listed violations that no longer exist; delete them from ImportDirectionTest.ALLOWED:\n  ")
          .append(String.join("\n  ", gone)).append('\n');
    }
    if (!msg.isEmpty()) fail(msg.toString());
  }

  /** Benchmarks ("*Bench" classes) live in bench; MISPLACED lists those still elsewhere, and only shrinks. */
  @Test
  void benchmarksLiveInBench() throws Exception {
    Set<String> outside = new TreeSet<>();
    for (String c : ClassDeps.scan(mainClasses()).keySet()) {
      if (c.endsWith("Bench") && !component(c).equals("bench")) outside.add(c);
    }
    assertEquals(new TreeSet<>(MISPLACED), outside, "benchmark classes outside org.taunet.bench (a moved one: delete "
        + "it from ImportDirectionTest.MISPLACED)");
  }

  /** The rule itself, on made-up edges: what it must refuse and what it must let through. */
  @Test
  void theRuleRefusesUpwardSidewaysAndUnknownEdges() {
    Map<String, Set<String>> deps = Map.of(
        "org.taunet.numerics.Gemm", Set.of("org.taunet.ep.EpNetwork", "org.taunet.tau.TauSpec"),
        "org.taunet.ep.EpTrainer", Set.of("org.taunet.rnn.Adam", "org.taunet.train.Adam", "org.taunet.run.Seeds",
            "org.taunet.ep.EpNetwork"),
        "org.taunet.train.Trainer", Set.of("org.taunet.sweep.Sweep", "org.taunet.data.spikes.ShdReader"),
        "org.taunet.sweep.Sweep", Set.of("org.taunet.train.Trainer", "org.taunet.cli.Main"),
        "org.taunet.data.spikes.SpikeCache", Set.of("org.taunet.data.seq.SequenceTask", "org.taunet.run.AtomicFiles"),
        "org.taunet.cli.Main", Set.of("org.taunet.bench.EpBench", "org.taunet.newpkg.Thing"),
        "org.taunet.newpkg.Thing", Set.of());
    assertEquals(new TreeSet<>(List.of(
        "org.taunet.ep.EpTrainer -> org.taunet.rnn.Adam",
        "org.taunet.newpkg.Thing: package 'newpkg' has no layer (add it to ImportDirectionTest.LAYERS)",
        "org.taunet.cli.Main -> org.taunet.newpkg.Thing",
        "org.taunet.numerics.Gemm -> org.taunet.ep.EpNetwork",
        "org.taunet.numerics.Gemm -> org.taunet.tau.TauSpec", // base packages are independent too
        "org.taunet.sweep.Sweep -> org.taunet.cli.Main",
        "org.taunet.train.Trainer -> org.taunet.sweep.Sweep")), violations(deps));
  }

  /** The class-file reader sees a field type, a generic signature, a cast and a call (see Fixture). */
  @Test
  void classFileReaderSeesEveryKindOfUse() throws Exception {
    Path f = Path.of(Fixture.class.getProtectionDomain().getCodeSource().getLocation().toURI())
        .resolve(Fixture.class.getName().replace('.', '/') + ".class");
    Set<String> refs = ClassDeps.read(java.nio.file.Files.readAllBytes(f)).refs();
    for (String want : List.of("org/taunet/run/Seeds", "org/taunet/tau/TauDistribution", "org/taunet/tau/ConstantTau",
        "org/taunet/run/Json")) {
      assertTrue(refs.contains(want), want + " in " + refs);
    }
  }

  /** Uses other packages in four ways for {@link #classFileReaderSeesEveryKindOfUse}. */
  static final class Fixture {
    org.taunet.run.Seeds seeds; // field descriptor

    List<org.taunet.tau.TauDistribution> list() { // generic signature only
      return List.of();
    }

    Object cast(Object o) {
      return (org.taunet.tau.ConstantTau) o; // checkcast
    }

    Object call() {
      return org.taunet.run.Json.mapper(); // invokestatic
    }
  }
}

package org.taunet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.taunet.run.Doc;
import org.taunet.run.UserError;
import picocli.CommandLine;
import picocli.CommandLine.Command;

class ConfigOptionsTest {
  enum Kind { SGD, ADAM }

  record Cfg(@Doc("Hidden layer sizes.") List<Integer> hidden, @Doc("T1, free-phase steps.") int tFree,
             @Doc("The optimizer.") Kind kind, @Doc("Keep particles.") boolean keepParticles, long seed) {
    Cfg {
      if (tFree < 1) throw UserError.flag("--t-free", "must be >= 1", null);
    }
  }

  static final class Flags extends ConfigOptions<Cfg> {
    Flags() {
      super(Cfg.class, presets());
    }

    static Map<String, Supplier<Cfg>> presets() {
      Map<String, Supplier<Cfg>> m = new LinkedHashMap<>();
      m.put("small", () -> new Cfg(List.of(10), 20, Kind.SGD, false, 1));
      m.put("big", () -> new Cfg(List.of(500, 500), 100, Kind.ADAM, false, 1));
      return m;
    }
  }

  @Command(name = "train", modelTransformer = Flags.class)
  static final class Train implements Runnable {
    static final Flags FLAGS = new Flags();
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    Cfg resolved;

    @Override public void run() { resolved = FLAGS.resolve(spec); }
  }

  private static Cfg parse(String... args) {
    Train t = new Train();
    new CommandLine(t).parseArgs(args);
    t.run();
    return t.resolved;
  }

  @Test
  void defaultsPresetsFlagsConfigAndSetCombineInOrder(@TempDir Path dir) throws Exception {
    assertEquals(new Cfg(List.of(10), 20, Kind.SGD, false, 1), parse());
    assertEquals(new Cfg(List.of(500, 500), 100, Kind.ADAM, false, 1), parse("--preset", "big"));
    assertEquals(new Cfg(List.of(3, 4), 5, Kind.ADAM, true, 9),
        parse("--hidden", "3,4", "--t-free", "5", "--kind", "adam", "--keep-particles", "--seed", "9"));
    assertEquals(new Cfg(List.of(10), 20, Kind.SGD, false, 1), parse("--keep-particles", "false"));
    Path f = Files.writeString(dir.resolve("c.json"), "{\"tFree\": 7, \"seed\": 3}");
    assertEquals(new Cfg(List.of(10), 8, Kind.SGD, false, 3), parse("--config", f.toString(), "--t-free", "8"));
    assertEquals(new Cfg(List.of(10), 9, Kind.SGD, false, 3),
        parse("--config", f.toString(), "--t-free", "8", "--set", "t-free=9"));
    assertEquals(new Cfg(List.of(10), 11, Kind.SGD, false, 1), parse("--set", "tFree=10", "--set", "t_free=11"));
  }

  @Test
  void aValueOfTheWrongTypeIsAUsageErrorNamingTheFlag() {
    var e = assertThrows(CommandLine.ParameterException.class, () -> new CommandLine(new Train()).parseArgs("--t-free", "x"));
    assertTrue(e.getMessage().contains("--t-free") && e.getMessage().contains("not an integer"), e.getMessage());
    e = assertThrows(CommandLine.ParameterException.class, () -> new CommandLine(new Train()).parseArgs("--kind", "rmsprop"));
    assertTrue(e.getMessage().contains("SGD, ADAM"), e.getMessage());
    UserError u = assertThrows(UserError.class, () -> parse("--t-free", "0"));
    assertEquals("--t-free", u.subject());
    u = assertThrows(UserError.class, () -> parse("--preset", "huge"));
    assertTrue(u.getMessage().contains("small, big"), u.getMessage());
    u = assertThrows(UserError.class, () -> parse("--set", "free=3"));
    assertTrue(u.getMessage().contains("unknown configuration key 'free'"), u.getMessage());
  }

  @Test
  void helpShowsEveryFieldWithDocTypeAndDefault() {
    String usage = new CommandLine(new Train()).getUsageMessage();
    assertTrue(usage.contains("--t-free=<int>"), usage);
    assertTrue(usage.contains("T1, free-phase steps. (default: 20)"), usage);
    assertTrue(usage.contains("--hidden=<int>,..."), usage);
    assertTrue(usage.contains("One of SGD, ADAM."), usage);
    assertTrue(usage.contains("--preset=<name>") && usage.contains("--config=FILE") && usage.contains("--set=KEY=VALUE"), usage);
  }

  @Test
  void theFlagsFormTheMixinThatResumeRefuses() {
    Train t = new Train();
    new CommandLine(t).parseArgs("--seed", "4");
    assertTrue(CliSupport.anyMixinOptionMatched(t.spec, ConfigOptions.MIXIN));
    Train u = new Train();
    new CommandLine(u).parseArgs();
    assertFalse(CliSupport.anyMixinOptionMatched(u.spec, ConfigOptions.MIXIN));
  }
}

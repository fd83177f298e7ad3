package org.taunet.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.taunet.tau.TauDistribution;
import org.taunet.tau.TauSpec;

class ConfigTreeTest {
  enum Kind { SGD, ADAM }

  record Toy(@Doc("Hidden sizes.") List<Integer> hidden, @Doc("Steps T1.") int tFree, @Doc("Rate.") double lr,
             @Doc("Optimizer.") Kind kind, @Doc("Flag.") boolean keepParticles, @Doc("Spec.") TauDistribution tau, long seed) {
    Toy {
      if (tFree < 1) throw UserError.flag("--t-free", "must be >= 1, got " + tFree, null);
    }

    static Toy defaults() {
      return new Toy(List.of(500), 20, 0.1, Kind.SGD, false, TauSpec.of("0.5"), 1);
    }
  }

  private final ConfigTree<Toy> tree = ConfigTree.of(Toy.class);

  @Test
  void fieldsCarryNameFlagTypeAndDoc() {
    ConfigTree.Field f = tree.field("tFree", "test");
    assertEquals("--t-free", f.flag());
    assertEquals("Steps T1.", f.doc());
    assertEquals(f, tree.field("t-free", "test"));
    assertEquals(f, tree.field("t_free", "test"));
    assertEquals(f, tree.field("--t-free", "test"));
    assertTrue(tree.field("hidden", "x").isList());
    assertEquals("<int>,...", tree.field("hidden", "x").label());
    assertEquals("", tree.field("seed", "x").doc());
    assertEquals(7, tree.fields().size());
  }

  @Test
  void assignmentsConvertByFieldType() {
    ObjectNode t = tree.tree(Toy.defaults());
    tree.assign(t, "hidden=500, 300");
    tree.assign(t, "t-free=7");
    tree.assign(t, "lr=1e-3");
    tree.assign(t, "kind=adam");
    tree.assign(t, "keep_particles=TRUE");
    tree.assign(t, "tau=normal:mean=0.5,sd=0.1");
    assertEquals(new Toy(List.of(500, 300), 7, 1e-3, Kind.ADAM, true, TauSpec.of("normal:mean=0.5,sd=0.1"), 1),
        tree.build(t));
  }

  @Test
  void badValuesNameTheKey() {
    ObjectNode t = tree.tree(Toy.defaults());
    UserError e = assertThrows(UserError.class, () -> tree.assign(t, "t-free=abc"));
    assertEquals("--set t-free", e.subject());
    assertTrue(e.problem().contains("not an integer"), e.getMessage());
    e = assertThrows(UserError.class, () -> tree.assign(t, "kind=rmsprop"));
    assertTrue(e.getMessage().contains("SGD, ADAM"), e.getMessage());
    e = assertThrows(UserError.class, () -> tree.assign(t, "tfee=3"));
    assertTrue(e.getMessage().contains("unknown configuration key 'tfee'") && e.getMessage().contains("t-free"), e.getMessage());
    e = assertThrows(UserError.class, () -> tree.assign(t, "epochs"));
    assertTrue(e.getMessage().contains("KEY=VALUE"), e.getMessage());
  }

  @Test
  void aTauSpecIsParsedOnceIntoTheRecordAndABadOneNamesTheFlag() {
    ObjectNode t = tree.tree(Toy.defaults());
    assertEquals("0.5", t.get("tau").asText());
    tree.assign(t, "tau=uniform:0.1,1.9");
    assertEquals("uniform:0.1,1.9", tree.build(t).tau().spec());
    assertEquals(new org.taunet.tau.UniformTau(0.1, 1.9), ((org.taunet.tau.NamedTau) tree.build(t).tau()).distribution());
    tree.assign(t, "tau=uniform:2,1");
    UserError e = assertThrows(UserError.class, () -> tree.build(t));
    assertEquals("--tau", e.subject());
    assertTrue(e.problem().contains("bad tau spec 'uniform:2,1'"), e.getMessage());
  }

  @Test
  void theRecordValidatesTheResult() {
    ObjectNode t = tree.tree(Toy.defaults());
    tree.assign(t, "t-free=0");
    UserError e = assertThrows(UserError.class, () -> tree.build(t));
    assertEquals("--t-free", e.subject());
  }

  @Test
  void filesOverlayAnySubsetInJsonOrYaml(@TempDir Path dir) throws Exception {
    ObjectNode t = tree.tree(Toy.defaults());
    Path json = Files.writeString(dir.resolve("c.json"), "{\"tFree\": 9, \"hidden\": [100, 100], \"kind\": \"adam\"}");
    tree.merge(t, json);
    Path yaml = Files.writeString(dir.resolve("c.yaml"), "lr: 0.25\nkeep-particles: true\n");
    tree.merge(t, yaml);
    assertEquals(new Toy(List.of(100, 100), 9, 0.25, Kind.ADAM, true, TauSpec.of("0.5"), 1), tree.build(t));
  }

  @Test
  void aRunsConfigJsonIsAConfigFile(@TempDir Path dir) throws Exception {
    Toy c = new Toy(List.of(7), 3, 0.5, Kind.ADAM, true, TauSpec.of("gamma:mean=0.5,k=4"), 42);
    Path f = dir.resolve("config.json");
    Json.write(f, c);
    ObjectNode t = tree.tree(Toy.defaults());
    tree.merge(t, f);
    assertEquals(c, tree.build(t));
  }

  @Test
  void badFilesAreNamed(@TempDir Path dir) throws Exception {
    ObjectNode t = tree.tree(Toy.defaults());
    Path typo = Files.writeString(dir.resolve("typo.json"), "{\"tfree\": 9}");
    UserError e = assertThrows(UserError.class, () -> tree.merge(t, typo));
    assertTrue(e.getMessage().contains("typo.json") && e.getMessage().contains("'tfree'"), e.getMessage());
    Path list = Files.writeString(dir.resolve("list.json"), "[1, 2]");
    e = assertThrows(UserError.class, () -> tree.merge(t, list));
    assertTrue(e.getMessage().contains("list.json"), e.getMessage());
    e = assertThrows(UserError.class, () -> tree.merge(t, dir.resolve("missing.json")));
    assertTrue(e.getMessage().contains("missing.json"), e.getMessage());
    Path wrongType = Files.writeString(dir.resolve("w.json"), "{\"tFree\": [1]}");
    tree.merge(t, wrongType);
    e = assertThrows(UserError.class, () -> tree.build(t));
    assertEquals("--t-free", e.subject());
  }
}

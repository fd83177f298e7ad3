package org.taunet.consumer;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.taunet.ep.EpTrainer;
import org.taunet.example.ApiExample;

/** docs/api.md's example, compiled here against the installed taunet artifact, runs and learns. */
class ConsumerTest {
  @Test
  void apiExampleRunsAgainstTheInstalledArtifact(@TempDir Path tmp) throws Exception {
    Path jar = Path.of(EpTrainer.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    String name = jar.getFileName().toString();
    assertTrue(name.startsWith("taunet-") && name.endsWith(".jar"), "taunet comes from the installed jar, not " + jar);
    String base = name.substring(0, name.length() - ".jar".length());
    for (String classifier : new String[] {"sources", "javadoc"}) {
      Path attached = jar.resolveSibling(base + "-" + classifier + ".jar");
      assertTrue(Files.size(attached) > 10_000, attached + " is installed beside the jar");
    }
    double accuracy = ApiExample.run(tmp.resolve("run"));
    assertTrue(accuracy > 0.8, "test accuracy " + accuracy);
  }
}

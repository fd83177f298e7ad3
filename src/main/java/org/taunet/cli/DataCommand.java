package org.taunet.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.taunet.data.DatasetFiles;
import org.taunet.data.DatasetSplit;
import org.taunet.data.DatasetStatus;
import org.taunet.data.Datasets;
import org.taunet.data.Fetcher;
import org.taunet.data.Importer;
import org.taunet.data.spikes.CochleaConfig;
import org.taunet.data.spikes.FsddSpikes;
import org.taunet.data.spikes.ShdReader;
import org.taunet.data.spikes.SpikeDataset;
import org.taunet.data.spikes.SpikeStats;
import org.taunet.data.spikes.SpikeTasks;
import org.taunet.data.text.TextCorpora;
import org.taunet.data.text.TextCorpus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** taunet data: fetch, import and list the datasets (mnist, fashion-mnist, kmnist, shd, enwik8; fsdd and gcide local). */
@Command(name = "data", mixinStandardHelpOptions = true,
    description = "Manage datasets: download (fetch), copy from a local directory (import), show what is there (list).",
    subcommands = {DataCommand.Fetch.class, DataCommand.Import.class, DataCommand.ListDatasets.class,
        DataCommand.Stats.class})
public final class DataCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override public void run() { spec.commandLine().usage(spec.commandLine().getOut()); }

  /** Common options and error handling: exit 0 on success, 1 with a one-line message on a user error. */
  abstract static class Base implements Callable<Integer> {
    @Mixin DataDirOption dataDirOption;
    @Spec CommandSpec spec;

    @Override public final Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      try {
        return execute(out, err);
      } catch (IOException | RuntimeException e) {
        return fail(err, e);
      } finally {
        out.flush();
        err.flush();
      }
    }

    /** Prints {@code taunet: error: MESSAGE} (and the stack trace with --verbose); returns its exit status. */
    int fail(PrintWriter err, Exception e) {
      return Errors.print(e, spec.root().userObject() instanceof Main m && m.verbose, err);
    }

    abstract int execute(PrintWriter out, PrintWriter err) throws IOException;
  }

  /** taunet data fetch NAME... */
  @Command(name = "fetch", mixinStandardHelpOptions = true,
      description = "Download datasets into the data directory, verifying checksums (files already present and"
          + " verified are skipped).")
  static final class Fetch extends Base {
    @Parameters(arity = "1..*", paramLabel = "NAME", description = "mnist, fashion-mnist, kmnist, shd or enwik8")
    List<String> names;

    @Override int execute(PrintWriter out, PrintWriter err) throws IOException {
      Path dataDir = dataDirOption.resolve();
      DatasetFiles registry = DatasetFiles.standard();
      for (String name : names) registry.files(name);  // reject unknown names before downloading anything
      Fetcher fetcher = new Fetcher(registry, Fetcher.defaultClient(), Fetcher.interactive(),
          msg -> err.println("taunet: " + msg));
      int status = 0;
      for (String name : names) {
        try {
          for (Fetcher.FileResult r : fetcher.fetch(name, dataDir)) {
            out.println(name + ": " + r.fileName() + " " + switch (r.outcome()) {
              case ALREADY_PRESENT -> "already present, checksum ok";
              case DOWNLOADED -> "downloaded from " + r.source();
              case REPLACED -> "replaced (the old copy failed verification) from " + r.source();
            });
          }
          printReady(out, name, dataDir);
        } catch (IOException e) {
          status = fail(err, e);
        }
      }
      return status;
    }
  }

  /** taunet data import NAME DIR */
  @Command(name = "import", mixinStandardHelpOptions = true,
      description = "Copy a dataset's files from a local directory (DIR or DIR/NAME) into the data directory,"
          + " verifying checksums, then check that it loads.")
  static final class Import extends Base {
    @Parameters(index = "0", paramLabel = "NAME", description = "mnist, fashion-mnist or kmnist") String name;
    @Parameters(index = "1", paramLabel = "DIR", description = "directory holding the files") Path source;

    @Override int execute(PrintWriter out, PrintWriter err) throws IOException {
      Path dataDir = dataDirOption.resolve();
      Importer.Report r = new Importer(DatasetFiles.standard(), msg -> {}).importDataset(name, source, dataDir);
      for (String f : r.copied()) out.println(name + ": " + f + " copied, checksum ok");
      for (String f : r.alreadyInPlace()) out.println(name + ": " + f + " already in place, checksum ok");
      for (String f : r.missingOptional()) out.println(name + ": " + f + " not found (optional)");
      if (r.trainSize() >= 0) {
        out.println(name + ": ready in " + dataDir.resolve(name) + " (train " + r.trainSize() + ", test "
            + r.testSize() + ")");
      } else {
        printReady(out, name, dataDir);
      }
      if (!r.note().isEmpty()) out.println(name + ": note: " + r.note());
      return 0;
    }
  }

  /** taunet data stats fsdd|shd */
  @Command(name = "stats", mixinStandardHelpOptions = true,
      description = "Spike statistics of a spiking dataset (fsdd encodes and caches the recordings on first use):"
          + " spikes per sample, binned density, class balance, a nearest-class-mean baseline.")
  static final class Stats extends Base {
    @Parameters(index = "0", paramLabel = "NAME", description = "fsdd or shd") String name;
    @Option(names = "--bin-ms", description = "Bin width for the density figure, ms (default: ${DEFAULT-VALUE}).")
    double binMs = SpikeTasks.DEFAULT_BIN_MS;

    @Override int execute(PrintWriter out, PrintWriter err) throws IOException {
      Path dataDir = dataDirOption.resolve();
      long t0 = System.nanoTime();
      SpikeDataset d = switch (name) {
        case "fsdd" -> FsddSpikes.load(dataDir, CochleaConfig.DEFAULT, msg -> err.println("taunet: " + msg));
        case "shd" -> ShdReader.load(dataDir);
        default -> throw new IllegalArgumentException("unknown spiking dataset '" + name + "' (known: fsdd, shd)");
      };
      out.printf(Locale.ROOT, "%s: loaded in %.1f s; %d channels, %d classes, train %d, test %d%n", name,
          (System.nanoTime() - t0) / 1e9, d.channels(), d.numClasses(), d.train().size(), d.test().size());
      double window = name.equals("fsdd") ? SpikeTasks.FSDD_WINDOW_SECONDS : SpikeTasks.SHD_WINDOW_SECONDS;
      out.println("window " + window + " s; " + SpikeStats.of(d, window, binMs).describe());
      return 0;
    }
  }

  /** taunet data list */
  @Command(name = "list", mixinStandardHelpOptions = true,
      description = "Show each known dataset's files in the data directory: present, verified or missing.")
  static final class ListDatasets extends Base {
    @Option(names = "--verify", description = "Also check every present file's checksum (reads all files).")
    boolean verify;

    @Override int execute(PrintWriter out, PrintWriter err) throws IOException {
      Path dataDir = dataDirOption.resolve();
      out.println("data directory: " + dataDir.toAbsolutePath().normalize());
      DatasetFiles registry = DatasetFiles.standard();
      for (String name : registry.names()) {
        DatasetStatus s = DatasetStatus.check(name, dataDir, registry, verify);
        out.println();
        out.println(name + ": " + describe(s.overall(), name));
        for (DatasetStatus.FileStatus f : s.files()) {
          out.printf(Locale.ROOT, "  %-28s %s%n", f.file().fileName(), describe(f));
        }
        if (!s.note().isEmpty()) out.println("  note: " + s.note());
      }
      printLocal(out, dataDir);
      return 0;
    }

    /** The datasets that exist only as local copies (no download): FSDD recordings and the GCIDE text. */
    private static void printLocal(PrintWriter out, Path dataDir) {
      out.println();
      try {
        Path rec = FsddSpikes.recordings(dataDir);
        long n;
        try (var files = java.nio.file.Files.list(rec)) {
          n = files.filter(f -> f.toString().endsWith(".wav")).count();
        }
        out.println("fsdd: " + n + " recordings in " + rec + " (encoded to spikes on first use, cached in "
            + FsddSpikes.NAME + "/)");
      } catch (IOException e) {
        out.println("fsdd: missing (" + e.getMessage() + ")");
      }
      Path gcide = dataDir.resolve("text").resolve("gcide.dict.gz");
      out.println();
      out.println("gcide: " + (java.nio.file.Files.isRegularFile(gcide) ? "present, " + gcide.toFile().length()
          + " bytes in " + gcide : "missing (text/gcide.dict.gz; no download source)"));
    }

    private static String describe(DatasetStatus.Overall o, String name) {
      return switch (o) {
        case COMPLETE -> "complete";
        case USABLE -> "usable (optional files missing)";
        case INCOMPLETE -> "incomplete (get it with 'taunet data fetch " + name + "' or 'taunet data import " + name
            + " DIR')";
        case ABSENT -> "missing (get it with 'taunet data fetch " + name + "' or 'taunet data import " + name
            + " DIR')";
        case CORRUPT -> "CORRUPT: a file fails its checksum (delete it and fetch again)";
      };
    }

    private static String describe(DatasetStatus.FileStatus f) {
      String where = f.path() == null || f.path().getFileName().toString().equals(f.file().fileName()) ? ""
          : " as " + f.path().getFileName();
      return switch (f.state()) {
        case MISSING -> "missing" + (f.file().optional() ? " (optional)" : "");
        case PRESENT -> "present, " + f.size() + " bytes" + where;
        case VERIFIED -> "verified (" + f.file().checksum().algorithm().toLowerCase(Locale.ROOT) + ")" + where;
        case CONTENT_VERIFIED -> "verified (decompressed content matches; not the published archive bytes)" + where;
        case MISMATCH -> "CHECKSUM MISMATCH: " + f.file().mismatchDetail(f.actualDigest()) + where;
      };
    }
  }

  /** Loads a freshly fetched dataset to check it and prints its sizes. */
  static void printReady(PrintWriter out, String name, Path dataDir) throws IOException {
    switch (name) {
      case "shd" -> {
        SpikeDataset d = ShdReader.load(dataDir);
        out.println(name + ": ready in " + dataDir.resolve(name) + " (train " + d.train().size() + ", test "
            + d.test().size() + " samples)");
      }
      case "enwik8" -> {
        TextCorpus c = TextCorpora.load(name, dataDir);
        out.println(name + ": ready in " + dataDir.resolve(name) + " (train " + c.train().length + ", valid "
            + c.valid().length + ", test " + c.test().length + " bytes)");
      }
      default -> printLoaded(out, name, Datasets.load(name, dataDir), dataDir);
    }
  }

  static void printLoaded(PrintWriter out, String name, DatasetSplit split, Path dataDir) {
    out.println(name + ": ready in " + dataDir.resolve(name) + " (train " + split.train().n() + ", test "
        + split.test().n() + ")");
    if (!split.note().isEmpty()) out.println(name + ": note: " + split.note());
  }
}

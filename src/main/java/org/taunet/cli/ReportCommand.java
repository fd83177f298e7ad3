package org.taunet.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.taunet.report.Report;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code taunet report DIR}: an HTML report with plots and tables for a run folder or a sweep folder. */
@Command(name = "report", mixinStandardHelpOptions = true,
    description = "Write an HTML report (embedded PNG plots, CSV tables beside it) for a run or a sweep folder.")
public final class ReportCommand implements Callable<Integer> {
  @Parameters(paramLabel = "DIR", description = "A sweep folder (sweep.json) or a run folder (config.json).") Path dir;
  @Option(names = "--out", description = "Report folder (default: DIR/report).") Path out;
  @Option(names = "--with", paramLabel = "SWEEP", description = "Another sweep folder of DIR's study whose runs join "
      + "DIR's: the same parameters but the seed pool into one condition, e.g. more seeds of the frontier points "
      + "(repeatable; learning curves, stability table and scaling sections).") List<Path> with = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    Report.Output o = Report.write(dir, with, out);
    System.out.println("report: " + o.html() + " (plots: " + o.pngs().size() + ", tables: " + o.tables().size() + ")");
    return 0;
  }
}

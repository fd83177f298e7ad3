package org.taunet.cli;

import java.nio.file.Path;
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

  @Override
  public Integer call() throws Exception {
    Report.Output o = Report.write(dir, out);
    System.out.println("report: " + o.html() + " (plots: " + o.pngs().size() + ", tables: " + o.tables().size() + ")");
    return 0;
  }
}

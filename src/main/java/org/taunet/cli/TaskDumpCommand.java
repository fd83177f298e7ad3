package org.taunet.cli;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.taunet.data.NdArray;
import org.taunet.data.NpyWriter;
import org.taunet.run.UserError;
import org.taunet.tasks.Task;
import org.taunet.tasks.Tasks;
import org.taunet.tasks.TrialArrays;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code taunet rnn task dump TASK}: trials as neurogym-style ob/gt/mask arrays in an .npz ({@link TrialArrays}). */
@Command(name = "dump", mixinStandardHelpOptions = true,
    description = {"Write trials of a task as an .npz of neurogym-style arrays: ob [trials, T, in], gt [trials, T, out], "
        + "mask [trials, T] float32, label, decision_start, decision_end, length, delay_steps int32, dt_ms; "
        + "'rnn train --task npz:FILE' trains on such a file (docs/tasks.md)."})
final class TaskDumpCommand implements Callable<Integer> {
  @Parameters(paramLabel = "TASK") String name;
  @Option(names = "--trials", required = true, description = "Trials to write.") int trials;
  @Option(names = "--out", required = true, paramLabel = "FILE", description = "Output .npz.") Path out;
  @Option(names = "--dt-ms", defaultValue = "50", description = "Time step in ms (default: ${DEFAULT-VALUE}).") double dtMs;
  @Option(names = "--timing", split = ",", paramLabel = "PERIOD=SPEC", description = "Period durations overriding the task's, as in rnn train --timing.") List<String> timing = List.of();
  @Option(names = {"--task-args", "--task-arg"}, split = ",", paramLabel = "NAME=VALUE", description = "Task arguments overriding the task's, as in rnn train --task-args.") List<String> args = List.of();
  @Option(names = "--seed", defaultValue = "1", description = "Seed of the trials (default: ${DEFAULT-VALUE}).") long seed;

  @Override
  public Integer call() throws Exception {
    if (trials < 1) throw UserError.flag("--trials", "must be >= 1, got " + trials, null);
    if (!(dtMs > 0) || !Double.isFinite(dtMs)) throw UserError.flag("--dt-ms", "must be > 0, got " + dtMs, null);
    Task task;
    try {
      task = Tasks.create(name, dtMs, timing, args);
    } catch (IllegalArgumentException e) {
      throw UserError.flag("TASK / --timing / --task-args", e.getMessage(), "'taunet rnn task show " + name
          + "' lists the periods and arguments");
    }
    Map<String, NdArray> a = TrialArrays.of(task, trials, new SplittableRandom(seed));
    NpyWriter.writeNpz(out, a);
    System.out.println("dump: " + out + " (" + trials + " trials of " + task.name() + ", dt " + dtMs + " ms)");
    for (Map.Entry<String, NdArray> e : a.entrySet()) {
      System.out.println("  " + e.getKey() + " " + e.getValue().dtype().code() + " " + Arrays.toString(e.getValue().shape()));
    }
    return 0;
  }
}

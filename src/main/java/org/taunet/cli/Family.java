package org.taunet.cli;

import java.util.List;
import java.util.function.Function;
import java.util.function.IntConsumer;
import org.taunet.bench.Work;
import org.taunet.sweep.DiskCheck.Estimate;
import picocli.CommandLine.Model.CommandSpec;

/**
 * One model family as the command line knows it. A family is its package (config record, network, a
 * {@link org.taunet.train.Trainable}), its command class in this package and one line in {@link Families#ALL}; the
 * rest of the CLI ({@code taunet --help}, {@code taunet bench}, the sweep disk check) finds it here.
 *
 * @param name the command word and checkpoint family tag ("ep")
 * @param command the picocli command class of {@code taunet NAME} (its subcommands: train, eval, ...)
 * @param train the class of {@code taunet NAME train}, whose configuration flags are {@code flags}
 * @param flags the configuration record, its defaults or presets, and the flags generated from its fields
 * @param disk disk use of one run of a resolved configuration (the sweep driver's check before it starts points)
 * @param work the arithmetic of one run of a resolved configuration (the sweep driver's time estimate)
 * @param bench prints the family's {@code taunet bench} workloads, given the number of timed repeats
 * @param checkpoint the entries of the family's {@code checkpoint.bin} besides the loop's {@code loop/...}, as
 *     patterns with {@code *} for any characters (documentation, checked by FamiliesTest against real checkpoints)
 * @param <C> the configuration record
 */
record Family<C extends Record>(String name, Class<?> command, Class<?> train, ConfigOptions<C> flags,
                                Function<C, Estimate> disk, Function<C, Work> work, IntConsumer bench,
                                List<String> checkpoint) {
  /** The disk estimate of a parsed {@code train} command of this family (its flags resolved to a configuration). */
  Estimate estimate(CommandSpec trainSpec) {
    return disk.apply(flags.resolve(trainSpec));
  }

  /** The arithmetic of a parsed {@code train} command of this family. */
  Work work(CommandSpec trainSpec) {
    return work.apply(flags.resolve(trainSpec));
  }

  /** Whether a checkpoint entry name matches one of {@link #checkpoint()}'s patterns or is the loop's. */
  boolean documents(String entry) {
    if (entry.startsWith("loop/")) return true;
    for (String p : checkpoint) {
      if (entry.matches(java.util.regex.Pattern.quote(p).replace("*", "\\E.*\\Q"))) return true;
    }
    return false;
  }
}

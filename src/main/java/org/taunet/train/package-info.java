/**
 * The training core shared by every model family (issue 11):
 * <ul>
 *   <li>{@link org.taunet.train.Stateful}: the checkpoint contract, named float tensors and long/double scalars
 *       written to a {@link org.taunet.train.StateWriter} and restored from a {@link org.taunet.train.StateReader}
 *       with name, kind and shape checks ({@link org.taunet.train.StateException}); {@link
 *       org.taunet.train.StateBundle} holds a state in memory.</li>
 *   <li>{@link org.taunet.train.Optimizer} over named {@link org.taunet.train.Param}s: {@link org.taunet.train.Sgd},
 *       {@link org.taunet.train.Momentum} (heavy ball, Nesterov), {@link org.taunet.train.Adam} (Adam, AdamW), global
 *       gradient-norm clipping ({@link org.taunet.train.GradNorm}), learning-rate schedules ({@link
 *       org.taunet.train.LrSchedule}), built from CLI specs by {@link org.taunet.train.OptimizerSpec}.</li>
 *   <li>{@link org.taunet.train.RngStream}: a random stream identical to {@code SplittableRandom} whose state can be
 *       checkpointed (mid-epoch resumption).</li>
 *   <li>{@link org.taunet.train.CheckpointFile}: the one checkpoint codec (a state in a CRC-checked container, written
 *       atomically; pre-core checkpoints through a family's {@link org.taunet.train.LegacyMapping} or refused).</li>
 *   <li>{@link org.taunet.train.TrainLoop}: the one training loop (resume, evaluation and checkpoint cadences by epoch,
 *       step and wall-clock time, metrics rows, divergence and collapse, time limit, summary.json, progress); a family
 *       implements {@link org.taunet.train.Trainable} (step, evaluator, state, summary) and is scheduled by a {@link
 *       org.taunet.train.LoopConfig}.</li>
 * </ul>
 *
 * <p><b>State names.</b> Segments of {@code [A-Za-z0-9_.-]} joined by {@code '/'}. Each owner writes its own names
 * and the trainer scopes them: {@code net/<param>} (e.g. {@code net/W1}, {@code net/dt1}), {@code opt/t},
 * {@code opt/skipped}, {@code opt/<param>/m}, {@code opt/<param>/v}, {@code opt/<param>/velocity},
 * {@code rng/<purpose>/seed}, {@code rng/<purpose>/gamma}, {@code loop/...} (the loop's position and running sums,
 * {@link org.taunet.train.LoopState}); family-specific state under the family's own prefix (e.g. {@code ep/particles/...},
 * the RNN's initial network {@code init/W}).
 *
 * <p>Layering: this package uses only base packages (numerics, tau, run, analysis) and data; families use it,
 * never the other way round ({@code org.taunet.ImportDirectionTest}).
 */
package org.taunet.train;

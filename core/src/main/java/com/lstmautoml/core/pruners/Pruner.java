package com.lstmautoml.core.pruners;

/**
 * "Stop this trial now?" (modelled on Optuna's {@code pruners/}). Asked by the queue each time a trial reports an
 * epoch, with the trial's own validation losses and the other trials' losses at the same epoch, all from
 * {@code trial_epoch}. Lower is better (validation loss). Implementations are stateless: the answer depends only on
 * the arguments, so it is deterministic given the database state.
 *
 * <p>Epochs are 0-based as the trainer and {@code trial_epoch} count them: after epoch {@code e} the trial has trained
 * {@code e + 1} epochs.
 */
public interface Pruner {

    /** The name used in requests and the {@code experiment.pruner} column. */
    String name();

    /**
     * Whether {@link #shouldPrune} can answer true at this epoch. The queue loads intermediate values only then (never
     * for {@link NoPruner}, only at rung epochs for {@link AsyncSuccessiveHalvingPruner}).
     */
    boolean decidesAt(int epoch);

    /**
     * @param epoch     0-based epoch the trial just finished
     * @param value     the trial's validation loss at {@code epoch}
     * @param bestSoFar the trial's lowest validation loss over epochs {@code 0..epoch}
     * @param others    the other trials' validation losses at {@code epoch}, and how many trials finished
     * @return true to stop the trial now (it ends PRUNED with its best-so-far model)
     */
    boolean shouldPrune(int epoch, double value, double bestSoFar, IntermediateValues others);
}

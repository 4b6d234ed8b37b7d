package com.lstmautoml.core.pruners;

import java.util.Map;

/**
 * "Stop this trial now?" (modelled on Optuna's {@code pruners/}). Asked by the queue each time a trial reports an
 * epoch of its first validation window, with the trial's own validation RMSEs and the other trials' RMSEs at the same
 * window and epoch, all from {@code trial_epoch} (later windows of a trial that survived the first are not pruned). The values are the one-step validation RMSE in the series' units (not the scaled loss), so trials
 * with different transforms, differencing and scalers are judged on one scale. Lower is better. Implementations are
 * immutable and stateless: the answer depends only on their settings and the arguments, so it is deterministic given
 * the database state.
 *
 * <p>Epochs are 0-based as the trainer and {@code trial_epoch} count them: after epoch {@code e} the trial has trained
 * {@code e + 1} epochs.
 */
public interface Pruner {

    /** Which other trials' values at the epoch a pruner compares with. */
    enum Peers {
        /** Only COMPLETED trials (Optuna's median and percentile pruners): the decision does not depend on timing. */
        COMPLETED,
        /**
         * Every trial with a value at the epoch, whatever its state: running, pruned, failed, completed (Optuna's
         * successive halving, whose rungs hold every trial that reached them).
         */
        EVERY_TRIAL
    }

    /** The type name used in requests and the {@code experiment.pruner} column. */
    String name();

    /**
     * Its settings by key, every one of its {@link Pruners.Type#settings()} in that order: what the API shows and
     * {@code experiment.pruner_settings} stores.
     */
    Map<String, Integer> settings();

    /** Whose values {@link IntermediateValues#atEpoch()} holds when {@link #shouldPrune} is asked. */
    Peers peers();

    /**
     * Whether {@link #shouldPrune} can answer true at this epoch. The queue loads intermediate values only then (never
     * for {@link NoPruner}, only at rung epochs for {@link AsyncSuccessiveHalvingPruner}).
     */
    boolean decidesAt(int epoch);

    /**
     * @param epoch     0-based epoch the trial just finished
     * @param value     the trial's validation RMSE at {@code epoch}
     * @param bestSoFar the trial's lowest validation RMSE over epochs {@code 0..epoch}
     * @param others    the {@link #peers()}' validation RMSEs at {@code epoch}, and how many trials completed
     * @return true to stop the trial now (it ends PRUNED with its best-so-far model)
     */
    boolean shouldPrune(int epoch, double value, double bestSoFar, IntermediateValues others);
}

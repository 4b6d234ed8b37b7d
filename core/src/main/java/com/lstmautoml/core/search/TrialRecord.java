package com.lstmautoml.core.search;

import com.lstmautoml.core.trial.TrialParams;
import com.lstmautoml.core.trial.TrialState;

import java.util.Objects;

/**
 * One earlier trial of the experiment, as a strategy sees it (queued and running trials included).
 *
 * @param number    trial number within the experiment
 * @param params    its hyperparameters
 * @param state     its state
 * @param valRmse   validation RMSE, null until known
 * @param epochsRun epochs the trial trained, over all its validation windows (for a PRUNED trial: how far it got),
 *                  null while unknown
 */
public record TrialRecord(int number, TrialParams params, TrialState state, Double valRmse, Integer epochsRun) {

    public TrialRecord {
        Objects.requireNonNull(params, "params");
        Objects.requireNonNull(state, "state");
    }

    /** A trial whose epoch count is unknown (queued, running, or not needed by the caller). */
    public TrialRecord(int number, TrialParams params, TrialState state, Double valRmse) {
        this(number, params, state, valRmse, null);
    }
}

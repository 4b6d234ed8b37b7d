package com.lstmautoml.core.training;

/** Why training of a trial ended. */
public enum StopReason {
    /** validation loss did not improve for {@code patience} epochs */
    PATIENCE,
    /** reached {@code maxEpochs} */
    MAX_EPOCHS,
    /** the experiment or trial was cancelled (answer of a heartbeat) */
    CANCELLED,
    /** a pruner stopped the trial (answer of a heartbeat) */
    PRUNED,
    /** the worker lost its lease: another worker owns the trial now, nothing may be reported */
    LEASE_LOST,
    /** the loss became NaN or infinite */
    DIVERGED
}

package com.lstmautoml.core.training;

/** What the trainer does after reporting an epoch. */
public enum EpochVerdict {
    CONTINUE,
    /** stop now; the trial ends CANCELLED with its curve and best-so-far model */
    CANCEL,
    /** stop now; the trial ends PRUNED with its curve and best-so-far RMSE */
    PRUNE,
    /** stop now and report nothing: the lease is lost */
    ABANDON
}

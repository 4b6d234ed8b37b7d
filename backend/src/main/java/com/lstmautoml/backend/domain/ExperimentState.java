package com.lstmautoml.backend.domain;

/** Experiment life cycle; the database CHECK on experiment.state holds the same set. */
public enum ExperimentState {
    RUNNING, COMPLETED, CANCELLED
}

package com.lstmautoml.backend.service;

import com.lstmautoml.backend.config.AutomlConfig;
import com.lstmautoml.backend.config.Json;
import com.lstmautoml.backend.domain.Experiment;
import com.lstmautoml.core.experiment.ExperimentLimits;
import com.lstmautoml.core.space.SearchSpace;
import com.lstmautoml.core.space.SpaceLimits;
import jakarta.enterprise.context.ApplicationScoped;

/** The configured limits, and reading an experiment's stored search space back. */
@ApplicationScoped
public class SearchSpaces {

    private final ExperimentLimits limits;

    public SearchSpaces(AutomlConfig config) {
        AutomlConfig.Limits l = config.limits();
        this.limits = new ExperimentLimits(l.maxTrials(), l.maxParallelism(), l.maxEpochs(),
                new SpaceLimits(l.maxUnits(), l.maxLayers(), l.maxLookBack(), l.maxBatchSize()));
    }

    public ExperimentLimits limits() {
        return limits;
    }

    /** The stored space as it was accepted (caps are not re-applied: they may have changed since). */
    public SearchSpace read(Experiment e) {
        return SearchSpace.fromJson(Json.tree(e.searchSpace));
    }
}

package com.lstmautoml.backend.service;

import com.lstmautoml.backend.config.Json;
import com.lstmautoml.backend.domain.Experiment;
import com.lstmautoml.backend.domain.ExperimentBaseline;
import com.lstmautoml.backend.domain.Trial;
import com.lstmautoml.backend.domain.TrialEpoch;
import com.lstmautoml.core.api.ApiDtos;
import com.lstmautoml.core.api.Caller;
import com.lstmautoml.core.api.NotFoundException;
import com.lstmautoml.core.api.Trials;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * One trial with its curve, configuration, preprocessing and validation predictions (a generation trial: its samples),
 * and text from a generation trial's model on request.
 */
@ApplicationScoped
@Transactional
public class TrialService implements Trials {

    private final Clock clock;
    private final TextModels texts;

    public TrialService(Clock clock, TextModels texts) {
        this.clock = clock;
        this.texts = texts;
    }

    /** Reads the trial, then samples without holding a transaction (a long sample holds no connection). */
    @Override
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public ApiDtos.TextSample sample(Caller caller, long id, ApiDtos.SampleRequest request) {
        Trial t = find(caller, id);
        return texts.sample(t, Experiment.findById(t.experimentId), request);
    }

    /** The trial if the caller may read its experiment: another team's is "not found", like a missing one. */
    private static Trial find(Caller caller, long id) {
        return Trial.<Trial>findByIdOptional(id)
                .filter(x -> Experiment.<Experiment>findByIdOptional(x.experimentId)
                        .map(e -> caller.canRead(e.teamId)).orElse(false))
                .orElseThrow(() -> new NotFoundException("no trial " + id));
    }

    @Override
    public ApiDtos.TrialDetail get(Caller caller, long id) {
        Trial t = find(caller, id);
        List<ApiDtos.EpochPoint> curve = TrialEpoch.curve(id).stream()
                .map(e -> new ApiDtos.EpochPoint(e.key.epoch, e.trainLoss, e.valLoss, e.valRmse, e.key.valWindow))
                .toList();
        Experiment experiment = Experiment.findById(t.experimentId);
        ViewMapper.Reference ref = ViewMapper.Reference.of(experiment, ExperimentBaseline.of(List.of(experiment.id)));
        Optional<Object[]> model = Trial.getEntityManager().createQuery(
                        "select m.valTimes, m.valActual, m.valPredicted, m.preprocessing, m.testTimes,"
                                + " m.testActual, m.testPredicted from TrialModel m"
                                + " where m.trialId = :id", Object[].class)
                .setParameter("id", id).getResultStream().findFirst();
        ApiDtos.Predictions predictions = model
                .map(r -> new ApiDtos.Predictions(List.of((String[]) r[0]), (double[]) r[1], (double[]) r[2]))
                .orElse(null);
        List<ApiDtos.TextSample> samples = experiment.generates() ? TextModels.samples(id) : List.of();
        return new ApiDtos.TrialDetail(ViewMapper.trial(t, clock.instant(), ref), Json.tree(t.modelConfig), curve,
                predictions, model.map(r -> Json.tree((String) r[3])).orElse(null),
                model.filter(r -> r[4] != null)
                        .map(r -> new ApiDtos.Predictions(List.of((String[]) r[4]), (double[]) r[5], (double[]) r[6]))
                        .orElse(null), samples);
    }
}

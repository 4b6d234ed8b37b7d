package com.lstmautoml.backend.service;

import com.lstmautoml.backend.domain.Trial;
import com.lstmautoml.backend.domain.TrialEpoch;
import com.lstmautoml.core.validation.ValidationException;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reading trials: ranked pages sorted in the database, the loss curve, the validation predictions. */
@ApplicationScoped
@Transactional
public class TrialService {

    /** API sort keys → entity attributes (an allow-list: nothing else reaches the query). */
    public static final Map<String, String> SORTS = Map.of(
            "valRmse", "valRmse", "trainRmse", "trainRmse", "number", "number", "state", "state",
            "epochsRun", "epochsRun", "startedAt", "startedAt", "finishedAt", "finishedAt");

    public Trial get(long id) {
        return Trial.<Trial>findByIdOptional(id).orElseThrow(() -> new NotFoundException("no trial " + id));
    }

    /**
     * @param sort a key of {@link #SORTS}, optionally prefixed with '-' for descending; trials without the value
     *             (not finished yet) come last; ties broken by trial number
     */
    public List<Trial> ranked(long experimentId, String sort, int page, int size) {
        return Trial.<Trial>find("experimentId", sort(sort), experimentId).page(Page.of(page, size)).list();
    }

    public long count(long experimentId) {
        return Trial.count("experimentId", experimentId);
    }

    public List<TrialEpoch> curve(long trialId) {
        return TrialEpoch.curve(trialId);
    }

    /** Validation times, actuals and predictions of a finished trial, without loading the model zip. */
    public Optional<Object[]> predictions(long trialId) {
        return Trial.getEntityManager().createQuery(
                "select m.valTimes, m.valActual, m.valPredicted from TrialModel m where m.trialId = :id",
                Object[].class).setParameter("id", trialId).getResultStream().findFirst();
    }

    static Sort sort(String sort) {
        String key = sort == null || sort.isBlank() ? "valRmse" : sort;
        boolean descending = key.startsWith("-");
        String attribute = SORTS.get(descending ? key.substring(1) : key);
        if (attribute == null) {
            throw new ValidationException("sort", "cannot sort by '" + key + "'; use one of " + SORTS.keySet()
                    + " (prefix '-' for descending)");
        }
        Sort s = descending ? Sort.descending(attribute) : Sort.ascending(attribute);
        return s.nullsLast().and("number");
    }
}

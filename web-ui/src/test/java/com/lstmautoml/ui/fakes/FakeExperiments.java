package com.lstmautoml.ui.fakes;

import com.fasterxml.jackson.databind.JsonNode;
import com.lstmautoml.core.api.ApiDtos;
import com.lstmautoml.core.api.ApiDtos.ExperimentFilter;
import com.lstmautoml.core.api.ApiDtos.ExperimentView;
import com.lstmautoml.core.api.ApiDtos.SortOrder;
import com.lstmautoml.core.api.ApiDtos.TrialPoint;
import com.lstmautoml.core.api.ApiDtos.TrialView;
import com.lstmautoml.core.api.Experiments;
import com.lstmautoml.core.api.NotFoundException;
import com.lstmautoml.core.validation.ValidationException;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** In-memory experiments: canned views, records of the calls. */
public class FakeExperiments implements Experiments {

    public record Created(JsonNode request, String createdBy) {
    }

    public record HistoryCall(ExperimentFilter filter, List<SortOrder> sort, int offset, int limit) {
    }

    public final List<ExperimentView> experiments = new ArrayList<>();
    public final List<TrialView> trials = new ArrayList<>();
    public final List<TrialPoint> points = new ArrayList<>();
    public final List<Created> created = new ArrayList<>();
    public final List<JsonNode> validated = new ArrayList<>();
    public final List<HistoryCall> historyCalls = new ArrayList<>();
    public final List<List<SortOrder>> trialSorts = new ArrayList<>();
    public final List<Long> promoted = new ArrayList<>();
    /** Validation errors for validate and create; null means valid. */
    public Function<JsonNode, ValidationException> validator = r -> null;
    public int trialPointCalls;

    @Override
    public ExperimentView create(JsonNode request, String createdBy) {
        ValidationException e = validator.apply(request);
        if (e != null) {
            throw e;
        }
        created.add(new Created(request.deepCopy(), createdBy));
        ExperimentView v = Fixtures.experiment(100 + created.size(), request.path("name").asText(), "RUNNING");
        experiments.add(v);
        return v;
    }

    @Override
    public void validate(JsonNode request) {
        validated.add(request.deepCopy());
        ValidationException e = validator.apply(request);
        if (e != null) {
            throw e;
        }
    }

    @Override
    public ApiDtos.Page<ExperimentView> history(int page, int size) {
        return new ApiDtos.Page<>(experiments, page, size, experiments.size());
    }

    @Override
    public ApiDtos.Page<ExperimentView> historyPage(ExperimentFilter filter, List<SortOrder> sort, int page,
                                                    int size) {
        return new ApiDtos.Page<>(history(filter, sort, page * size, size), page, size, count(filter));
    }

    @Override
    public List<ExperimentView> history(ExperimentFilter filter, List<SortOrder> sort, int offset, int limit) {
        historyCalls.add(new HistoryCall(filter, sort, offset, limit));
        return experiments.stream().filter(e -> filter.state() == null || filter.state().equals(e.state()))
                .skip(offset).limit(limit).toList();
    }

    @Override
    public long count(ExperimentFilter filter) {
        return experiments.stream().filter(e -> filter.state() == null || filter.state().equals(e.state())).count();
    }

    @Override
    public List<String> owners() {
        return experiments.stream().map(ExperimentView::createdBy).distinct().toList();
    }

    @Override
    public ExperimentView get(long id) {
        return experiments.stream().filter(e -> e.id() == id).findFirst()
                .orElseThrow(() -> new NotFoundException("no experiment " + id));
    }

    @Override
    public ExperimentView cancel(long id) {
        return get(id);
    }

    @Override
    public ExperimentView promote(long id, Long trialId) {
        promoted.add(trialId);
        return get(id);
    }

    @Override
    public ApiDtos.Page<TrialView> trials(long experimentId, String sort, int page, int size) {
        return new ApiDtos.Page<>(trials.stream().skip((long) page * size).limit(size).toList(), page, size,
                trials.size());
    }

    @Override
    public List<TrialView> trials(long experimentId, List<SortOrder> sort, int offset, int limit) {
        trialSorts.add(sort);
        return trials.stream().skip(offset).limit(limit).toList();
    }

    @Override
    public List<TrialPoint> trialPoints(long experimentId) {
        trialPointCalls++;
        return List.copyOf(points);
    }
}

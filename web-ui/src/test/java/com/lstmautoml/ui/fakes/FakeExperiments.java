package com.lstmautoml.ui.fakes;

import com.fasterxml.jackson.databind.JsonNode;
import com.lstmautoml.core.api.ApiDtos;
import com.lstmautoml.core.api.ApiDtos.ExperimentFilter;
import com.lstmautoml.core.api.ApiDtos.ExperimentView;
import com.lstmautoml.core.api.ApiDtos.SortOrder;
import com.lstmautoml.core.api.ApiDtos.TrialPoint;
import com.lstmautoml.core.api.ApiDtos.TrialView;
import com.lstmautoml.core.api.Caller;
import com.lstmautoml.core.api.Experiments;
import com.lstmautoml.core.api.Role;
import com.lstmautoml.core.api.NotFoundException;
import com.lstmautoml.core.validation.ValidationException;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** In-memory experiments: canned views, records of the calls; refuses what the caller's role does not allow. */
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
    /** Whether each promotion through {@link #promote(Caller, long, Long, String, boolean)} asked for a refit. */
    public final List<Boolean> refits = new ArrayList<>();
    public final List<Long> cancelled = new ArrayList<>();
    /** Validation errors for validate and create; null means valid. */
    public Function<JsonNode, ValidationException> validator = r -> null;
    public int trialPointCalls;

    @Override
    public ExperimentView create(Caller caller, JsonNode request) {
        caller.require(Role.MEMBER, "create experiments");
        String createdBy = caller.username();
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
    public void validate(Caller caller, JsonNode request) {
        validated.add(request.deepCopy());
        ValidationException e = validator.apply(request);
        if (e != null) {
            throw e;
        }
    }

    @Override
    public ApiDtos.Page<ExperimentView> history(Caller caller, int page, int size) {
        return new ApiDtos.Page<>(experiments, page, size, experiments.size());
    }

    @Override
    public ApiDtos.Page<ExperimentView> historyPage(Caller caller, ExperimentFilter filter, List<SortOrder> sort,
                                                    int page, int size) {
        return new ApiDtos.Page<>(history(caller, filter, sort, page * size, size), page, size,
                count(caller, filter));
    }

    @Override
    public List<ExperimentView> history(Caller caller, ExperimentFilter filter, List<SortOrder> sort, int offset,
                                       int limit) {
        historyCalls.add(new HistoryCall(filter, sort, offset, limit));
        return experiments.stream().filter(e -> filter.state() == null || filter.state().equals(e.state()))
                .skip(offset).limit(limit).toList();
    }

    @Override
    public long count(Caller caller, ExperimentFilter filter) {
        return experiments.stream().filter(e -> filter.state() == null || filter.state().equals(e.state())).count();
    }

    @Override
    public List<String> owners(Caller caller) {
        return experiments.stream().map(ExperimentView::createdBy).distinct().toList();
    }

    @Override
    public ExperimentView get(Caller caller, long id) {
        return experiments.stream().filter(e -> e.id() == id).findFirst()
                .orElseThrow(() -> new NotFoundException("no experiment " + id));
    }

    @Override
    public ExperimentView cancel(Caller caller, long id) {
        ExperimentView e = get(caller, id);
        if (!caller.username().equals(e.createdBy())) {
            caller.require(Role.ADMIN, "cancel others' experiments");
        }
        caller.require(Role.MEMBER, "cancel experiments");
        cancelled.add(id);
        return e;
    }

    @Override
    public ExperimentView promote(Caller caller, long id, Long trialId) {
        caller.require(Role.ADMIN, "promote models");
        promoted.add(trialId);
        return get(caller, id);
    }

    @Override
    public ApiDtos.Promotion promote(Caller caller, long id, Long trialId, String model, boolean refit) {
        ExperimentView e = promote(caller, id, trialId);
        refits.add(refit);
        String name = model != null ? model : (e.dataset() + "-" + e.target()).toLowerCase(java.util.Locale.ROOT);
        return new ApiDtos.Promotion(e, name, 1, "/api/models/" + name + "/versions/1");
    }

    @Override
    public ApiDtos.Page<TrialView> trials(Caller caller, long experimentId, String sort, int page, int size) {
        return new ApiDtos.Page<>(trials.stream().skip((long) page * size).limit(size).toList(), page, size,
                trials.size());
    }

    @Override
    public List<TrialView> trials(Caller caller, long experimentId, List<SortOrder> sort, int offset, int limit) {
        trialSorts.add(sort);
        return trials.stream().skip(offset).limit(limit).toList();
    }

    @Override
    public List<TrialPoint> trialPoints(Caller caller, long experimentId) {
        trialPointCalls++;
        return List.copyOf(points);
    }
}

package com.lstmautoml.backend.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.lstmautoml.backend.config.AutomlConfig;
import com.lstmautoml.backend.domain.Dataset;
import com.lstmautoml.backend.domain.Experiment;
import com.lstmautoml.backend.domain.ExperimentState;
import com.lstmautoml.backend.domain.Trial;
import com.lstmautoml.core.api.ApiDtos;
import com.lstmautoml.core.api.ConflictException;
import com.lstmautoml.core.api.Experiments;
import com.lstmautoml.core.api.NotFoundException;
import com.lstmautoml.core.data.DataRequirements;
import com.lstmautoml.core.experiment.ExperimentSpec;
import com.lstmautoml.core.experiment.ExperimentSpecParser;
import com.lstmautoml.core.queue.TrialQueue;
import com.lstmautoml.core.trial.TrialState;
import com.lstmautoml.core.validation.FieldError;
import com.lstmautoml.core.validation.ValidationException;
import io.agroal.api.AgroalDataSource;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Experiments: create (validated like the dashboard form), history, cancel, promote. */
@ApplicationScoped
@Transactional
public class ExperimentService implements Experiments {

    private final Clock clock;
    private final AutomlConfig config;
    private final SearchSpaces spaces;
    private final ExperimentScheduler scheduler;
    private final TrialQueue queue;
    private final AgroalDataSource dataSource;

    static final int MAX_PAGE_SIZE = 500;

    public ExperimentService(Clock clock, AutomlConfig config, SearchSpaces spaces, ExperimentScheduler scheduler,
                             TrialQueue queue, AgroalDataSource dataSource) {
        this.clock = clock;
        this.config = config;
        this.spaces = spaces;
        this.scheduler = scheduler;
        this.queue = queue;
        this.dataSource = dataSource;
    }

    @Override
    public ApiDtos.ExperimentView create(JsonNode body, String createdBy) {
        ExperimentSpec spec = new ExperimentSpecParser(spaces.limits()).parse(body);
        Dataset dataset = Dataset.findByName(spec.dataset()).orElseThrow(() -> new ValidationException("dataset",
                "no dataset named '" + spec.dataset() + "'; upload it with POST /api/datasets or use one of "
                        + Dataset.<Dataset>list("order by name").stream().map(d -> d.name).toList()));
        List<String> columns = dataset.columns.stream().map(c -> c.name).toList();
        List<FieldError> errors = new ArrayList<>();
        if (!columns.contains(spec.target())) {
            errors.add(new FieldError("target", "dataset '" + dataset.name + "' has no numeric column '"
                    + spec.target() + "'; its columns are " + columns));
        }
        for (int i = 0; i < spec.features().size(); i++) {
            if (!columns.contains(spec.features().get(i))) {
                errors.add(new FieldError("features[" + i + "]", "dataset '" + dataset.name + "' has no numeric column '"
                        + spec.features().get(i) + "'; its columns are " + columns));
            }
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        DataRequirements.check(dataset.rowCount, spec.split(), spec.searchSpace().maxLookBack());

        Experiment e = new Experiment();
        e.name = spec.name();
        e.dataset = dataset;
        e.target = spec.target();
        e.features = spec.features().toArray(String[]::new);
        e.strategy = spec.strategy();
        e.maxTrials = spec.maxTrials();
        e.parallelism = spec.parallelism();
        e.maxEpochs = spec.maxEpochs();
        e.patience = spec.patience();
        e.seed = spec.seed();
        e.trainFraction = spec.split().train();
        e.valFraction = spec.split().validation();
        e.maxAttempts = config.queue().maxAttempts();
        e.searchSpace = spec.searchSpace().toJson().toString();
        e.state = ExperimentState.RUNNING;
        e.createdBy = createdBy == null || createdBy.isBlank() ? "anonymous" : createdBy;
        e.createdAt = clock.instant();
        e.persist();
        scheduler.topUp(e);
        return view(e);
    }

    @Override
    public ApiDtos.ExperimentView get(long id) {
        return view(find(id));
    }

    @Override
    public ApiDtos.Page<ApiDtos.ExperimentView> history(int page, int size) {
        checkPage(page, size);
        List<ApiDtos.ExperimentView> items = Experiment.<Experiment>findAll(Sort.descending("createdAt", "id"))
                .page(Page.of(page, size)).list().stream().map(this::view).toList();
        return new ApiDtos.Page<>(items, page, size, Experiment.count());
    }

    @Override
    public ApiDtos.Page<ApiDtos.TrialView> trials(long experimentId, String sort, int page, int size) {
        find(experimentId);
        checkPage(page, size);
        var now = clock.instant();
        List<ApiDtos.TrialView> items = Trial.<Trial>find("experimentId", TrialSorts.parse(sort), experimentId)
                .page(Page.of(page, size)).list().stream().map(t -> ViewMapper.trial(t, now)).toList();
        return new ApiDtos.Page<>(items, page, size, Trial.count("experimentId", experimentId));
    }

    private Experiment find(long id) {
        return Experiment.<Experiment>findByIdOptional(id)
                .orElseThrow(() -> new NotFoundException("no experiment " + id));
    }

    private ApiDtos.ExperimentView view(Experiment e) {
        Trial promoted = e.promotedTrialId == null ? null : Trial.findById(e.promotedTrialId);
        return ViewMapper.experiment(e, trialCounts(e.id), bestTrial(e.id).orElse(null), promoted);
    }

    static void checkPage(int page, int size) {
        if (page < 0) {
            throw new ValidationException("page", "must be 0 or more");
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw new ValidationException("size", "must be between 1 and " + MAX_PAGE_SIZE);
        }
    }

    private Map<TrialState, Long> trialCounts(long experimentId) {
        Map<TrialState, Long> counts = new EnumMap<>(TrialState.class);
        for (TrialState s : TrialState.values()) {
            counts.put(s, 0L);
        }
        List<Object[]> rows = Trial.getEntityManager().createQuery(
                "select t.state, count(t) from Trial t where t.experimentId = :id group by t.state", Object[].class)
                .setParameter("id", experimentId).getResultList();
        for (Object[] row : rows) {
            counts.put((TrialState) row[0], (Long) row[1]);
        }
        return counts;
    }

    private Optional<Trial> bestTrial(long experimentId) {
        return Trial.find("experimentId = ?1 and state = ?2 and valRmse is not null order by valRmse, number",
                experimentId, TrialState.COMPLETED).firstResultOptional();
    }

    @Override
    public ApiDtos.ExperimentView cancel(long id) {
        Experiment e = find(id);
        if (e.state == ExperimentState.RUNNING) {
            e.state = ExperimentState.CANCELLED;
            e.finishedAt = clock.instant();
            e.persist();
            Experiment.flush();
            try (Connection c = dataSource.getConnection()) {
                queue.cancelExperiment(c, id);
            } catch (SQLException ex) {
                throw new IllegalStateException("could not cancel the trials of experiment " + id, ex);
            }
        }
        return view(e);
    }

    @Override
    public ApiDtos.ExperimentView promote(long id, Long trialId) {
        Experiment e = find(id);
        Trial trial;
        if (trialId == null) {
            trial = bestTrial(id).orElseThrow(() -> new ConflictException(
                    "experiment " + id + " has no completed trial yet; wait for one to finish, then promote"));
        } else {
            trial = Trial.<Trial>findByIdOptional(trialId).filter(t -> t.experimentId == id)
                    .orElseThrow(() -> new ValidationException("trialId",
                            "experiment " + id + " has no trial " + trialId));
            if (trial.state != TrialState.COMPLETED) {
                throw new ConflictException("trial " + trialId + " is " + trial.state
                        + "; only a COMPLETED trial has a model to promote");
            }
        }
        e.promotedTrialId = trial.id;
        return view(e);
    }
}

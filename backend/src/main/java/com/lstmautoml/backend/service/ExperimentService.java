package com.lstmautoml.backend.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.lstmautoml.backend.config.AutomlConfig;
import com.lstmautoml.backend.config.Json;
import com.lstmautoml.backend.domain.Dataset;
import com.lstmautoml.backend.domain.Experiment;
import com.lstmautoml.backend.domain.ExperimentState;
import com.lstmautoml.backend.domain.Trial;
import com.lstmautoml.core.api.ApiDtos;
import com.lstmautoml.core.api.Caller;
import com.lstmautoml.core.api.Role;
import com.lstmautoml.core.api.ConflictException;
import com.lstmautoml.core.api.Experiments;
import com.lstmautoml.core.api.NotFoundException;
import com.lstmautoml.backend.domain.ExperimentBaseline;
import com.lstmautoml.backend.domain.TrialModel;
import com.lstmautoml.core.data.Table;
import com.lstmautoml.core.training.OneStepForecasts;
import com.lstmautoml.core.data.SplitFractions;
import com.lstmautoml.core.baselines.CharNGramBaseline;
import com.lstmautoml.core.space.Hyperparameter;
import com.lstmautoml.core.space.SearchSpaceParser;
import com.lstmautoml.core.space.Task;
import com.lstmautoml.core.text.TextCorpus;
import com.lstmautoml.core.baselines.BaselineScore;
import com.lstmautoml.core.baselines.Baselines;
import com.lstmautoml.core.data.ChronoSplit;
import com.lstmautoml.core.data.DataRequirements;
import com.lstmautoml.core.data.Seasonality;
import com.lstmautoml.core.evaluation.ForecastMetrics;
import com.lstmautoml.core.space.SearchSpace;
import com.lstmautoml.core.experiment.ExperimentSpec;
import com.lstmautoml.core.experiment.ExperimentSpecParser;
import com.lstmautoml.core.experiment.ExperimentStopReason;
import com.lstmautoml.core.queue.TrialQueue;
import com.lstmautoml.core.trial.TrialState;
import com.lstmautoml.core.validation.FieldError;
import com.lstmautoml.core.validation.ValidationException;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Experiments: create and validate (one set of rules), history, trials, cancel, promote. */
@ApplicationScoped
@Transactional
public class ExperimentService implements Experiments {

    private final Clock clock;
    private final AutomlConfig config;
    private final SearchSpaces spaces;
    private final ExperimentScheduler scheduler;
    private final TrialQueue queue;
    private final AgroalDataSource dataSource;
    private final ModelService models;
    private final TextModels texts;

    static final int MAX_PAGE_SIZE = 500;
    /** {@code experiment.seasonality_source} of a season length the request gave. */
    static final String SEASONALITY_FROM_REQUEST = "request";

    public ExperimentService(Clock clock, AutomlConfig config, SearchSpaces spaces, ExperimentScheduler scheduler,
                             TrialQueue queue, AgroalDataSource dataSource, ModelService models, TextModels texts) {
        this.clock = clock;
        this.config = config;
        this.spaces = spaces;
        this.scheduler = scheduler;
        this.queue = queue;
        this.dataSource = dataSource;
        this.models = models;
        this.texts = texts;
    }

    /**
     * An experiment request that passed every rule of {@link #create}, with the dataset it names, its season length
     * and the search space with the series' preprocessing defaults filled in; a forecast's rows and target values
     * (null for a text).
     */
    private record Checked(ExperimentSpec spec, Dataset dataset, Seasonality.Detected season, SearchSpace space,
                           ChronoSplit rows, double[] target) {
    }

    /** The one place the rules of an experiment request live; {@link #create} and {@link #validate} both run it. */
    private Checked check(Caller caller, JsonNode body) {
        caller.require(Role.MEMBER, "create experiments");
        ExperimentSpec spec = new ExperimentSpecParser(spaces.limits()).parse(body);
        Dataset dataset = Dataset.findByName(caller.teamId(), spec.dataset()).orElseThrow(() -> new ValidationException(
                "dataset", "team " + caller.teamName() + " has no dataset named '" + FieldError.excerpt(spec.dataset())
                        + "'; upload it with POST /api/datasets or use one of " + Dataset.<Dataset>list(
                        "teamId = ?1 order by name", caller.teamId()).stream().map(d -> d.name).toList()));
        if (spec.task() == Task.GENERATE) {
            return checkText(spec, dataset);
        }
        if (dataset.isText()) {
            throw new ValidationException("dataset", "dataset '" + dataset.name + "' is a text, which has no numeric"
                    + " column to forecast: set \"task\": \"" + Task.GENERATE.key() + "\" to learn to write like it,"
                    + " or choose a CSV dataset");
        }
        List<String> columns = dataset.columns.stream().map(c -> c.name).toList();
        List<FieldError> errors = new ArrayList<>();
        if (!columns.contains(spec.target())) {
            errors.add(new FieldError("target", "dataset '" + dataset.name + "' has no numeric column '"
                    + FieldError.excerpt(spec.target()) + "'; its columns are " + columns));
        }
        for (int i = 0; i < spec.features().size(); i++) {
            if (!columns.contains(spec.features().get(i))) {
                errors.add(new FieldError("features[" + i + "]", "dataset '" + dataset.name + "' has no numeric column '"
                        + FieldError.excerpt(spec.features().get(i)) + "'; its columns are " + columns));
            }
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        Map<String, double[]> inputs = new LinkedHashMap<>();
        List<String> inputColumns = new ArrayList<>();
        inputColumns.add(spec.target());
        inputColumns.addAll(spec.features());
        for (String c : inputColumns) {
            dataset.columns.stream().filter(dc -> dc.name.equals(c)).findFirst().ifPresent(dc -> inputs.put(c, dc.values));
        }
        double[] target = inputs.get(spec.target());
        ChronoSplit rows = ChronoSplit.of(dataset.rowCount, spec.split());
        // the fewest training rows a trial sees: the oldest validation window's (the split's own with one window);
        // the season and the series' default seasonal lag must fit there. Too many windows for the series are
        // refused below, with the maximum it holds
        long oldest = rows.oldestWindowTrainRows(spec.validationWindows());
        int trainRows = oldest > 0 ? (int) oldest : rows.train().size();
        Seasonality.Detected season = season(spec.seasonality(), dataset, target, rows, trainRows);
        boolean positive = DataRequirements.positivityProblems(inputs, "searchSpace.transform").isEmpty();
        SearchSpace space = spec.searchSpace().withSeriesDefaults(spec.omittedKeys(), season.period(), positive,
                trainRows);
        // every validation window trains the largest look-back and fits the baselines' season on its training rows
        DataRequirements.check(dataset.rowCount, spec.split(), space.maxLookBack(), space.maxDifference(),
                spec.validationWindows(), season.period());
        if (space.mayUseLog()) {
            DataRequirements.checkPositive(inputs);
        }
        return new Checked(spec, dataset, season, space, rows, target);
    }

    /**
     * A generation request's rules: a text dataset whose training slice holds enough sequences of the longest
     * {@code sequenceLength} searched.
     */
    private static Checked checkText(ExperimentSpec spec, Dataset dataset) {
        if (!dataset.isText()) {
            throw new ValidationException("dataset", "dataset '" + dataset.name + "' is a table: a generation"
                    + " experiment learns a text dataset; upload one (POST /api/datasets with a text/plain body) or"
                    + " set \"task\": \"" + Task.FORECAST.key() + "\"");
        }
        // the text's length decides; its content is read only to create the experiment (the baseline)
        SearchSpace space = spec.searchSpace();
        String problem = TextCorpus.sequenceProblem(dataset.rowCount, (int) space.sequenceLength().largest());
        if (problem != null) {
            throw new ValidationException(SearchSpaceParser.ROOT + "." + Hyperparameter.SEQUENCE_LENGTH.key(),
                    "dataset '" + dataset.name + "': " + problem);
        }
        return new Checked(spec, dataset, new Seasonality.Detected(1, Seasonality.NONE), space, null, null);
    }

    /**
     * The season length: the request's, at most a third of the rows (three seasons to learn from) and at most the
     * training rows of the oldest validation window ({@code trainRows}; the baselines are fitted there); else detected
     * from the time column or the training slice's autocorrelation, falling back to the autocorrelation, then to 1,
     * where the detected one is longer than that.
     */
    private static Seasonality.Detected season(Integer requested, Dataset dataset, double[] target, ChronoSplit rows,
                                               int trainRows) {
        int most = Math.min(dataset.rowCount / 3, trainRows);
        if (requested != null) {
            if (requested > most) {
                throw new ValidationException("seasonality", "must be at most " + most + " for dataset '"
                        + dataset.name + "' (" + dataset.rowCount + " rows, " + trainRows
                        + " of them training rows" + (trainRows < rows.train().size()
                        ? " in the oldest validation window" : "") + ": a season must fit three times in the series"
                        + " and once in the training rows), got " + requested);
            }
            return new Seasonality.Detected(requested, SEASONALITY_FROM_REQUEST);
        }
        Seasonality.Detected detected = Seasonality.detect(List.of(dataset.timeValues), target, rows.trainEnd());
        if (detected.period() <= most) {
            return detected;
        }
        int acf = Seasonality.fromAutocorrelation(target, 0, rows.trainEnd());
        return acf > 1 && acf <= most ? new Seasonality.Detected(acf, Seasonality.AUTOCORRELATION)
                : new Seasonality.Detected(1, Seasonality.NONE);
    }

    @Override
    public void validate(Caller caller, JsonNode body) {
        check(caller, body);
    }

    @Override
    public ApiDtos.ExperimentView create(Caller caller, JsonNode body) {
        Checked checked = check(caller, body);
        ExperimentSpec spec = checked.spec();
        Dataset dataset = checked.dataset();
        Experiment e = new Experiment();
        e.name = spec.name();
        e.dataset = dataset;
        e.task = spec.task().key();
        e.target = spec.target();
        e.features = spec.features().toArray(String[]::new);
        e.strategy = spec.strategy();
        e.tpeMultivariate = spec.tpeMultivariate();
        e.applyPruner(spec.pruner());
        e.timeBudgetSeconds = spec.timeBudget() == null ? null : Math.toIntExact(spec.timeBudget().toSeconds());
        e.maxTrials = spec.maxTrials();
        e.parallelism = spec.parallelism();
        e.maxEpochs = spec.maxEpochs();
        e.patience = spec.patience();
        e.seed = spec.seed();
        e.minEpochs = spec.minEpochs();
        e.validationWindows = spec.validationWindows();
        e.seasonality = checked.season().period();
        e.seasonalitySource = checked.season().source();
        e.trainFraction = spec.split().train();
        e.valFraction = spec.split().validation();
        e.maxAttempts = config.queue().maxAttempts();
        e.searchSpace = checked.space().toJson().toString();
        e.state = ExperimentState.RUNNING;
        e.teamId = dataset.teamId;
        e.createdBy = caller.username();
        e.createdByUserId = caller.userId();
        e.createdAt = clock.instant();
        if (e.generates()) {
            e.persist();
            storeTextBaseline(e, TextCorpus.of(DatasetService.content(dataset)));
            scheduler.topUp(e);
            return view(e);
        }
        ChronoSplit rows = checked.rows();
        double scale = ForecastMetrics.seasonalNaiveScale(checked.target(), 0, rows.trainEnd(), e.seasonality);
        e.maseScale = Double.isFinite(scale) && scale > 0 ? scale : null;
        e.persist();
        // scored over the trials' validation windows, so the skills compare like with like
        List<BaselineScore> baselines = Baselines.evaluate(checked.target(),
                rows.validationWindows(e.validationWindows), e.seasonality);
        for (int i = 0; i < baselines.size(); i++) {
            BaselineScore b = baselines.get(i);
            ExperimentBaseline row = new ExperimentBaseline();
            row.key = new ExperimentBaseline.Key(e.id, i);
            row.name = b.name();
            row.description = b.description();
            row.valRmse = b.validation().rmse();
            row.valMae = b.validation().mae();
            row.valSmape = b.validation().smape();
            row.testRmse = b.test().rmse();
            row.testMae = b.test().mae();
            row.testSmape = b.test().smape();
            row.persist();
        }
        scheduler.topUp(e);
        return view(e);
    }

    /** A text's baseline: the character n-gram model, scored on the same validation and test slices as the trials. */
    private static void storeTextBaseline(Experiment e, TextCorpus corpus) {
        CharNGramBaseline.Scored nGram = CharNGramBaseline.select(corpus);
        ExperimentBaseline row = new ExperimentBaseline();
        row.key = new ExperimentBaseline.Key(e.id, 0);
        row.name = CharNGramBaseline.NAME;
        row.description = nGram.description();
        row.valRmse = nGram.validation();
        row.testRmse = nGram.test();
        row.persist();
    }

    @Override
    public ApiDtos.ExperimentView get(Caller caller, long id) {
        return view(find(caller, id));
    }

    @Override
    public ApiDtos.Page<ApiDtos.ExperimentView> history(Caller caller, int page, int size) {
        return historyPage(caller, ApiDtos.ExperimentFilter.ALL, List.of(), page, size);
    }

    /** A page of the filtered, sorted history with the filter's total (GET /api/experiments). */
    @Override
    public ApiDtos.Page<ApiDtos.ExperimentView> historyPage(Caller caller, ApiDtos.ExperimentFilter filter,
                                                           List<ApiDtos.SortOrder> sort, int page, int size) {
        checkPage(page, size);
        return new ApiDtos.Page<>(history(caller, filter, sort, offset(page, size), size), page, size,
                count(caller, filter));
    }

    @Override
    public List<ApiDtos.ExperimentView> history(Caller caller, ApiDtos.ExperimentFilter filter,
                                                List<ApiDtos.SortOrder> sort, int offset, int limit) {
        checkSlice(offset, limit);
        HistoryQuery.Where where = HistoryQuery.where(caller.teamId(), filter);
        List<Experiment> experiments = Experiment.<Experiment>find("from Experiment e join fetch e.dataset d"
                        + where.clause() + " order by " + HistoryQuery.orderBy(sort), where.parameters())
                .range(offset, offset + limit - 1).list();
        return views(experiments);
    }

    @Override
    public long count(Caller caller, ApiDtos.ExperimentFilter filter) {
        HistoryQuery.Where where = HistoryQuery.where(caller.teamId(), filter);
        var query = Experiment.getEntityManager().createQuery(
                "select count(e) from Experiment e join e.dataset d" + where.clause(), Long.class);
        where.parameters().forEach(query::setParameter);
        return query.getSingleResult();
    }

    @Override
    public List<String> owners(Caller caller) {
        return Experiment.getEntityManager().createQuery("select distinct e.createdBy from Experiment e"
                        + " where e.teamId = :team order by e.createdBy", String.class)
                .setParameter("team", caller.teamId()).getResultList();
    }

    @Override
    public ApiDtos.Page<ApiDtos.TrialView> trials(Caller caller, long experimentId, String sort, int page, int size) {
        checkPage(page, size);
        List<ApiDtos.TrialView> items = trials(caller, experimentId, SortParam.parse(sort), offset(page, size), size);
        return new ApiDtos.Page<>(items, page, size, Trial.count("experimentId", experimentId));
    }

    @Override
    public List<ApiDtos.TrialView> trials(Caller caller, long experimentId, List<ApiDtos.SortOrder> sort, int offset,
                                          int limit) {
        io.quarkus.panache.common.Sort order = TrialSorts.parse(sort);
        checkSlice(offset, limit);
        Experiment e = find(caller, experimentId);
        ViewMapper.Reference ref = ViewMapper.Reference.of(e, ExperimentBaseline.of(List.of(e.id)));
        var now = clock.instant();
        return Trial.<Trial>find("experimentId", order, experimentId).range(offset, offset + limit - 1).list()
                .stream().map(t -> ViewMapper.trial(t, now, ref)).toList();
    }

    @Override
    public List<ApiDtos.TrialPoint> trialPoints(Caller caller, long experimentId) {
        find(caller, experimentId);
        return Trial.getEntityManager().createQuery("select t.id, t.number, t.state, t.params, t.valRmse"
                        + " from Trial t where t.experimentId = :id order by t.number", Object[].class)
                .setParameter("id", experimentId).getResultStream()
                .map(r -> new ApiDtos.TrialPoint((Long) r[0], (Integer) r[1], ((TrialState) r[2]).name(),
                        Json.tree((String) r[3]), (Double) r[4]))
                .toList();
    }

    /** The experiment if the caller may see it: another team's is "not found", exactly like a missing one. */
    private Experiment find(Caller caller, long id) {
        return Experiment.<Experiment>findByIdOptional(id).filter(e -> caller.canRead(e.teamId))
                .orElseThrow(() -> new NotFoundException("no experiment " + id));
    }

    private ApiDtos.ExperimentView view(Experiment e) {
        return views(List.of(e)).get(0);
    }

    /**
     * Views of a page of experiments with a fixed number of queries whatever the page size: one grouped query for
     * the trial counts and the ETA figures, one for the best trials, one for the promoted trials, one for the
     * baselines (datasets come with the experiments).
     */
    private List<ApiDtos.ExperimentView> views(List<Experiment> experiments) {
        if (experiments.isEmpty()) {
            return List.of();
        }
        List<Long> ids = experiments.stream().map(e -> e.id).toList();
        Map<Long, TrialStats> stats = trialStats(ids);
        Map<Long, Trial> best = bestTrials(ids);
        List<Long> promotedIds = experiments.stream().map(e -> e.promotedTrialId).filter(Objects::nonNull).toList();
        Map<Long, Trial> promoted = new HashMap<>();
        if (!promotedIds.isEmpty()) {
            Trial.<Trial>list("id in ?1", promotedIds).forEach(t -> promoted.put(t.id, t));
        }
        Map<Long, List<ExperimentBaseline>> baselines = new HashMap<>();
        ExperimentBaseline.of(ids).forEach(b -> baselines.computeIfAbsent(b.key.experimentId, k -> new ArrayList<>())
                .add(b));
        List<ApiDtos.ExperimentView> views = new ArrayList<>(experiments.size());
        Instant now = clock.instant();
        for (Experiment e : experiments) {
            TrialStats s = stats.getOrDefault(e.id, TrialStats.NONE);
            long finalTrials = s.counts().entrySet().stream().filter(x -> x.getKey().isFinal())
                    .mapToLong(Map.Entry::getValue).sum();
            Double eta = EtaEstimate.seconds(e.state, e.maxTrials, e.trialsCreated, e.stopReason != null, finalTrials,
                    s.meanDurationSeconds(), e.parallelism, s.workers(), budgetLeftSeconds(e, now));
            views.add(ViewMapper.experiment(e, s.counts(), best.get(e.id),
                    e.promotedTrialId == null ? null : promoted.get(e.promotedTrialId), eta,
                    baselines.getOrDefault(e.id, List.of())));
        }
        return views;
    }

    /** Seconds until the experiment's time budget runs out (0 once it has); null without a budget. */
    private static Double budgetLeftSeconds(Experiment e, Instant now) {
        Instant end = e.budgetEndsAt();
        return end == null ? null : Math.max(0, Duration.between(now, end).toMillis() / 1000.0);
    }

    /** Per experiment: trials per state, mean duration of its finished (COMPLETED/PRUNED/FAILED) trials, workers. */
    private record TrialStats(Map<TrialState, Long> counts, Double meanDurationSeconds, long workers) {
        static final TrialStats NONE = new TrialStats(zeroCounts(), null, 0);
    }

    private static Map<TrialState, Long> zeroCounts() {
        Map<TrialState, Long> counts = new EnumMap<>(TrialState.class);
        for (TrialState s : TrialState.values()) {
            counts.put(s, 0L);
        }
        return counts;
    }

    /**
     * ONE grouped scan of the experiments' trials (SQL rather than HQL for the fractional seconds of a duration).
     * The state names in the SQL come from the enum, the ids are bound.
     */
    private static Map<Long, TrialStats> trialStats(List<Long> ids) {
        TrialState[] states = TrialState.values();
        StringBuilder sql = new StringBuilder("select experiment_id");
        for (TrialState s : states) {
            sql.append(", count(*) filter (where state = '").append(s.name()).append("')");
        }
        sql.append(", avg(extract(epoch from finished_at - started_at)) filter (where state in ('COMPLETED',"
                + " 'PRUNED', 'FAILED') and started_at is not null and finished_at is not null)"
                + ", count(distinct worker_id) from trial where experiment_id in (:ids) and kind = 'SEARCH'"
                + " group by experiment_id");
        @SuppressWarnings("unchecked")
        List<Object[]> rows = Trial.getEntityManager().createNativeQuery(sql.toString())
                .setParameter("ids", ids).getResultList();
        Map<Long, TrialStats> stats = new HashMap<>();
        for (Object[] row : rows) {
            Map<TrialState, Long> counts = new EnumMap<>(TrialState.class);
            for (int i = 0; i < states.length; i++) {
                counts.put(states[i], ((Number) row[1 + i]).longValue());
            }
            Number mean = (Number) row[1 + states.length];
            stats.put(((Number) row[0]).longValue(), new TrialStats(counts,
                    mean == null ? null : mean.doubleValue(), ((Number) row[2 + states.length]).longValue()));
        }
        return stats;
    }

    /** The best COMPLETED trial of each experiment (lowest valRmse, then lowest number), in one query. */
    private static Map<Long, Trial> bestTrials(List<Long> ids) {
        Map<Long, Trial> best = new HashMap<>();
        Trial.<Trial>list("from Trial t where t.id in (select (select u.id from Trial u where u.experimentId = e.id"
                        + " and u.state = ?1 and u.valRmse is not null order by u.valRmse, u.number limit 1)"
                        + " from Experiment e where e.id in ?2)", TrialState.COMPLETED, ids)
                .forEach(t -> best.put(t.experimentId, t));
        return best;
    }

    private Optional<Trial> bestTrial(long experimentId) {
        return Optional.ofNullable(bestTrials(List.of(experimentId)).get(experimentId));
    }

    static void checkPage(int page, int size) {
        if (page < 0) {
            throw new ValidationException("page", "must be 0 or more");
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw new ValidationException("size", "must be between 1 and " + MAX_PAGE_SIZE);
        }
        if ((long) page * size > Integer.MAX_VALUE) {
            throw new ValidationException("page", "is too large: page × size must stay below " + Integer.MAX_VALUE);
        }
    }

    private static int offset(int page, int size) {
        return page * size;
    }

    static void checkSlice(int offset, int limit) {
        if (offset < 0) {
            throw new ValidationException("offset", "must be 0 or more");
        }
        if (limit < 1 || limit > MAX_PAGE_SIZE) {
            throw new ValidationException("limit", "must be between 1 and " + MAX_PAGE_SIZE);
        }
        if ((long) offset + limit - 1 > Integer.MAX_VALUE) {
            throw new ValidationException("offset", "is too large");
        }
    }

    @Override
    public ApiDtos.ExperimentView cancel(Caller caller, long id) {
        Experiment e = find(caller, id);
        boolean own = e.createdByUserId != null && e.createdByUserId == caller.userId();
        caller.require(e.teamId, own ? Role.MEMBER : Role.ADMIN,
                own ? "cancel experiments" : "cancel other people's experiments");
        // the scheduler's passes hold this row's lock while they queue trials: wait for one in progress and read
        // what it wrote, so the cancel neither misses a trial queued just before it nor overwrites the count
        Experiment.getEntityManager().refresh(e, LockModeType.PESSIMISTIC_WRITE);
        if (e.state == ExperimentState.RUNNING) {
            e.state = ExperimentState.CANCELLED;
            e.stopReason = ExperimentStopReason.CANCELLED;
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
    public ApiDtos.ExperimentView promote(Caller caller, long id, Long trialId) {
        return promote(caller, id, trialId, null, true).experiment();
    }

    /**
     * Marks the trial promoted, scores it on the test rows once, and registers it as the next version of the model
     * (the champion from now on), in one transaction: a bad model name stores nothing.
     */
    @Override
    public ApiDtos.Promotion promote(Caller caller, long id, Long trialId, String model, boolean refit) {
        Experiment e = find(caller, id);
        caller.require(e.teamId, Role.ADMIN, "promote models");
        String name = ModelService.modelName(model, e.dataset.name, e.target);
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
        if (trial.testRmse == null) {
            if (e.generates()) {
                // a text's final word: bits per character on its test slice; a text model is never refitted
                trial.testRmse = texts.testBits(trial, e);
                trial.testRows = TextModels.testCharacters(e.dataset);
            } else {
                scoreOnTest(e, trial);
            }
        }
        ModelService.Registered version = models.register(caller, e, trial, name, refit && !e.generates());
        return new ApiDtos.Promotion(view(e), version.model(), version.version(), version.path());
    }

    /**
     * The held-out test score of a promoted trial, computed once from its stored model and fitted preprocessing: one
     * step ahead with actual history on the experiment's test rows (windows may reach back into the validation rows),
     * in the series' units. The test rows influence nothing else: not the search, early stopping, pruning, nor which
     * trial "promote best" picks.
     */
    private static void scoreOnTest(Experiment e, Trial trial) {
        TrialModel model = TrialModel.<TrialModel>findByIdOptional(trial.id).orElseThrow(() -> new ConflictException(
                "trial " + trial.id + " has no stored model to score on the test rows"));
        Dataset d = e.dataset;
        Table table = table(d);
        ChronoSplit rows = ChronoSplit.of(d.rowCount, new SplitFractions(e.trainFraction, e.valFraction));
        OneStepForecasts.Forecast test = OneStepForecasts.forRows(model.modelZip, model.preprocessing, table,
                rows.test());
        trial.testRmse = ForecastMetrics.rmse(test.actual(), test.predicted());
        trial.testMae = ForecastMetrics.mae(test.actual(), test.predicted());
        trial.testSmape = ForecastMetrics.smape(test.actual(), test.predicted());
        trial.testRows = test.actual().length;
        model.testTimes = test.times().toArray(String[]::new);
        model.testActual = test.actual();
        model.testPredicted = test.predicted();
    }

    /** A dataset as a {@link Table}: its time labels and every numeric column, in row order. */
    static Table table(Dataset d) {
        Map<String, double[]> columns = new LinkedHashMap<>();
        d.columns.forEach(c -> columns.put(c.name, c.values));
        return new Table(d.timeColumn, List.of(d.timeValues), columns);
    }
}

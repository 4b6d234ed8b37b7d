package com.lstmautoml.backend.service;

import com.fasterxml.jackson.core.type.TypeReference;
import com.lstmautoml.backend.config.Json;
import com.lstmautoml.backend.domain.Experiment;
import com.lstmautoml.backend.domain.ExperimentBaseline;
import com.lstmautoml.backend.domain.ModelVersion;
import com.lstmautoml.backend.domain.RegisteredModel;
import com.lstmautoml.backend.domain.TrialModel;
import com.lstmautoml.backend.domain.Trial;
import com.lstmautoml.core.api.ApiDtos;
import com.lstmautoml.core.api.Caller;
import com.lstmautoml.core.api.ConflictException;
import com.lstmautoml.core.api.Models;
import com.lstmautoml.core.api.NotFoundException;
import com.lstmautoml.core.api.Role;
import com.fasterxml.jackson.databind.JsonNode;
import com.lstmautoml.core.data.Preprocessing;
import com.lstmautoml.core.data.Table;
import com.lstmautoml.core.forecast.ForecastPoints;
import com.lstmautoml.core.forecast.RecursiveForecaster;
import com.lstmautoml.core.forecast.TimeLabels;
import com.lstmautoml.core.validation.FieldError;
import com.lstmautoml.core.validation.ValidationException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** The model registry: registered models per team, numbered versions created by promotion, the alias champion. */
@ApplicationScoped
@Transactional
public class ModelService implements Models {

    /** A model name: the dataset name pattern. */
    public static final Pattern NAME = DatasetService.NAME;
    private static final int MAX_NAME = 100;

    private final Clock clock;
    private final com.lstmautoml.backend.config.AutomlConfig config;
    private final ForecastService forecasts;
    private final RefitJobs refits;
    private final ModelEvaluations evaluations;

    public ModelService(Clock clock, com.lstmautoml.backend.config.AutomlConfig config, ForecastService forecasts,
                        RefitJobs refits, ModelEvaluations evaluations) {
        this.clock = clock;
        this.config = config;
        this.forecasts = forecasts;
        this.refits = refits;
        this.evaluations = evaluations;
    }

    /** A new version's coordinates. */
    record Registered(String model, int version) {
        String path() {
            return "/api/models/" + model + "/versions/" + version;
        }
    }

    /**
     * The name a promotion registers under: {@code requested} if given (it must match {@link #NAME}: a 400 at
     * {@code model} otherwise), else {@code <dataset>-<target>} lower-cased, with every character outside the
     * pattern replaced by '-'.
     */
    static String modelName(String requested, String dataset, String target) {
        if (requested != null) {
            if (!NAME.matcher(requested).matches()) {
                throw new ValidationException("model", "'" + FieldError.excerpt(requested) + "' is not a model name:"
                        + " 1 to " + MAX_NAME + " letters, digits, '.', '_' or '-', starting with a letter or digit");
            }
            return requested;
        }
        String name = (dataset + "-" + target).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]", "-")
                .replaceFirst("^[^a-z0-9]+", "");
        if (name.length() > MAX_NAME) {
            name = name.substring(0, MAX_NAME);
        }
        return name.isEmpty() ? "model" : name;
    }

    /**
     * Creates the next version of the model {@code name} of the experiment's team (the model on first use) from the
     * promoted trial, already scored on the test rows, and points champion at it; evaluates the trial's model on the
     * test rows (one step, per horizon step, interval coverage) and, with {@code refit}, queues its refit job. The
     * model row is locked first, so concurrent promotions to one model take consecutive numbers.
     */
    Registered register(Caller caller, Experiment e, Trial trial, String name, boolean refit) {
        var em = RegisteredModel.getEntityManager();
        em.createNativeQuery("INSERT INTO registered_model (team_id, name, created_at) VALUES (?1, ?2, ?3)"
                        + " ON CONFLICT (team_id, name) DO NOTHING")
                .setParameter(1, e.teamId).setParameter(2, name)
                .setParameter(3, SqlTimes.parameter(clock.instant()))
                .executeUpdate();
        long modelId = ((Number) em.createNativeQuery("SELECT id FROM registered_model WHERE team_id = ?1 AND name = ?2"
                        + " FOR UPDATE").setParameter(1, e.teamId).setParameter(2, name).getSingleResult()).longValue();
        @SuppressWarnings("unchecked")
        List<String> tasks = em.createNativeQuery("SELECT e.task FROM model_version v JOIN experiment e"
                + " ON e.id = v.experiment_id WHERE v.model_id = ?1 ORDER BY v.version DESC LIMIT 1")
                .setParameter(1, modelId).getResultList();
        if (!tasks.isEmpty() && !tasks.get(0).equals(e.task)) {
            // one model, one kind of answer: its champion either forecasts or writes text, its scores one unit
            throw new ValidationException("model", "model '" + name + "' holds " + (e.generates() ? "forecasting"
                    : "text generation") + " versions, and trial " + trial.id + " " + (e.generates()
                    ? "generates text" : "forecasts") + ": give a model name of its own");
        }
        int next = ((Number) em.createNativeQuery("SELECT coalesce(max(version), 0) + 1 FROM model_version"
                + " WHERE model_id = ?1").setParameter(1, modelId).getSingleResult()).intValue();
        ModelVersion v = new ModelVersion();
        v.modelId = modelId;
        v.version = next;
        v.experimentId = e.id;
        v.trialId = trial.id;
        v.promotedByUserId = caller.userId();
        v.promotedBy = caller.username();
        v.promotedAt = clock.instant();
        v.params = trial.params;
        v.valRmse = trial.valRmse;
        v.valMae = trial.valMae;
        v.valSmape = trial.valSmape;
        v.testRmse = trial.testRmse;
        v.testMae = trial.testMae;
        v.testSmape = trial.testSmape;
        v.maseScale = e.maseScale;
        v.baselines = Json.write(ExperimentBaseline.of(List.of(e.id)).stream().map(b ->
                new ModelVersion.BaselineAtPromotion(b.name, b.valRmse, b.testRmse, b.testMae, b.testSmape)).toList());
        if (refit) {
            v.refitTrialId = refits.queue(e, trial);
        }
        v.persist();
        v.flush();
        if (!e.generates()) { // a text model has no forecasts to evaluate: its test score is its bits per character
            evaluations.evaluateTrial(v, e);
        }
        em.createNativeQuery("UPDATE registered_model SET champion_version_id = ?1 WHERE id = ?2")
                .setParameter(1, v.id).setParameter(2, modelId).executeUpdate();
        return new Registered(name, next);
    }

    @Override
    public List<ApiDtos.ModelSummary> list(Caller caller) {
        List<RegisteredModel> models = RegisteredModel.list("teamId = ?1 order by name", caller.teamId());
        if (models.isEmpty()) {
            return List.of();
        }
        List<Long> ids = models.stream().map(m -> m.id).toList();
        Map<Long, Object[]> stats = new HashMap<>();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = RegisteredModel.getEntityManager().createNativeQuery("SELECT m.id,"
                + " (SELECT count(*) FROM model_version v WHERE v.model_id = m.id),"
                + " (SELECT v.version FROM model_version v WHERE v.id = m.champion_version_id),"
                + " (SELECT v.version FROM model_version v WHERE v.model_id = m.id ORDER BY v.version DESC LIMIT 1),"
                + " (SELECT v.test_rmse FROM model_version v WHERE v.model_id = m.id ORDER BY v.version DESC LIMIT 1),"
                + " (SELECT e.task FROM model_version v JOIN experiment e ON e.id = v.experiment_id"
                + " WHERE v.model_id = m.id ORDER BY v.version DESC LIMIT 1)"
                + " FROM registered_model m WHERE m.id IN (:ids)").setParameter("ids", ids).getResultList();
        rows.forEach(r -> stats.put(((Number) r[0]).longValue(), r));
        List<ApiDtos.ModelSummary> out = new ArrayList<>(models.size());
        for (RegisteredModel m : models) {
            Object[] r = stats.get(m.id);
            out.add(new ApiDtos.ModelSummary(m.name, m.createdAt, ((Number) r[1]).intValue(), integer(r[2]),
                    integer(r[3]), r[4] == null ? null : ((Number) r[4]).doubleValue(), (String) r[5]));
        }
        return out;
    }

    private static Integer integer(Object o) {
        return o == null ? null : ((Number) o).intValue();
    }

    @Override
    public ApiDtos.ModelView get(Caller caller, String name) {
        return view(find(caller, name));
    }

    @Override
    public ApiDtos.ModelVersionView version(Caller caller, String name, int version) {
        RegisteredModel m = find(caller, name);
        return versionView(m, findVersion(m, version));
    }

    @Override
    public ApiDtos.ModelView setChampion(Caller caller, String name, int version) {
        RegisteredModel m = find(caller, name);
        caller.require(m.teamId, Role.ADMIN, "move model aliases");
        m.championVersionId = findVersion(m, version).id;
        return view(m);
    }

    @Override
    public ApiDtos.ForecastAnswer forecast(Caller caller, String name, Integer version, JsonNode body) {
        RegisteredModel m = find(caller, name);
        ModelVersion v = version == null ? champion(m) : findVersion(m, version);
        forecasting(m, v);
        if (body == null || !body.isObject()) {
            throw new ValidationException("body", "send a JSON object, e.g. {\"horizon\": 12}");
        }
        int max = config.limits().maxHorizon();
        JsonNode h = body.get("horizon");
        if (h == null || h.isNull()) {
            throw new ValidationException("horizon", "is required: the steps ahead, 1 to " + max);
        }
        if (!h.isIntegralNumber() || !h.canConvertToInt() || h.asInt() < 1 || h.asInt() > max) {
            throw new ValidationException("horizon", "must be a whole number of steps from 1 (minimum) to " + max
                    + " (maximum), got " + FieldError.excerpt(h.toString()));
        }
        int horizon = h.asInt();
        List<Double> levels = levels(body.get("levels"));
        JsonNode replaceNode = body.get("replace");
        if (replaceNode != null && !replaceNode.isNull() && !replaceNode.isBoolean()) {
            throw new ValidationException("replace", "must be true or false");
        }
        boolean replace = replaceNode != null && replaceNode.asBoolean(false);

        ForecastService.Loaded loaded = forecasts.load(v, evaluations.refitReady(v.id));
        Preprocessing prep = loaded.prep();
        List<String> features = RecursiveForecaster.features(prep);
        JsonNode given = body.get("history");
        // the stored series as it is: answered from the loaded model's memory, no copy of it per request
        boolean storedSeries = !replace && (given == null || given.isNull() || (given.isArray() && given.isEmpty()))
                && features.isEmpty();
        Table history = storedSeries ? loaded.dataset() : history(given, replace, loaded.dataset(), prep);
        Map<String, double[]> future = future(body.get("future"), features, horizon);
        ForecastService.Result r;
        try {
            r = storedSeries ? forecasts.forecastStoredSeries(loaded, horizon)
                    : forecasts.forecast(loaded, history, future, horizon);
        } catch (IllegalArgumentException e) {
            throw new ValidationException(e.getMessage().contains("'future'") ? "future" : "history", e.getMessage());
        }
        List<ApiDtos.ForecastPoint> points = ForecastPoints.of(r.mean(), r.calibration(), levels,
                TimeLabels.next(history.times(), horizon));
        return new ApiDtos.ForecastAnswer(m.name, v.version, loaded.servedBy(), points);
    }

    private static List<Double> levels(JsonNode node) {
        if (node == null || node.isNull()) {
            return ForecastPoints.DEFAULT_LEVELS;
        }
        if (!node.isArray()) {
            throw new ValidationException("levels", "must be a list of percentages above 0 and below 100, e.g. [80, 95]");
        }
        if (node.size() > 20) {
            throw new ValidationException("levels", "at most 20 levels (maximum), got " + node.size());
        }
        List<Double> out = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode l = node.get(i);
            if (!l.isNumber() || !(l.asDouble() > 0 && l.asDouble() < 100)) {
                throw new ValidationException("levels[" + i + "]", "must be a percentage above 0 (minimum, excluded)"
                        + " and below 100 (maximum, excluded), got " + FieldError.excerpt(l.toString()));
            }
            out.add(l.asDouble());
        }
        return out;
    }

    /** The history to forecast after: the dataset's series, with the request's rows appended (or only them). */
    private static Table history(JsonNode node, boolean replace, Table dataset, Preprocessing prep) {
        List<String> columns = prep.inputColumns();
        List<String> times = new ArrayList<>();
        Map<String, List<Double>> values = new java.util.LinkedHashMap<>();
        columns.forEach(c -> values.put(c, new ArrayList<>()));
        if (!replace) {
            times.addAll(dataset.times());
            for (String c : columns) {
                for (double x : dataset.column(c)) {
                    values.get(c).add(x);
                }
            }
        }
        if (node != null && !node.isNull()) {
            if (!node.isArray()) {
                throw new ValidationException("history", "must be a list of rows, e.g. [{\"time\": \"1961-01\", "
                        + columns.stream().map(c -> "\"" + c + "\": 1.0").collect(java.util.stream.Collectors.joining(", "))
                        + "}]");
            }
            List<String> allowed = new ArrayList<>();
            allowed.add("time");
            allowed.addAll(columns);
            for (int i = 0; i < node.size(); i++) {
                JsonNode row = node.get(i);
                String at = "history[" + i + "]";
                rowColumns(row, at, allowed);
                JsonNode t = row.get("time");
                if (!t.isTextual() && !t.isNumber()) {
                    throw new ValidationException(at + ".time", "must be a time label (text or number)");
                }
                times.add(t.asText());
                for (String c : columns) {
                    values.get(c).add(number(row.get(c), at + "." + c));
                }
            }
        } else if (replace) {
            throw new ValidationException("history", "is required with \"replace\": true");
        }
        int min = RecursiveForecaster.minHistory(prep);
        if (times.size() < min) {
            throw new ValidationException("history", "has " + times.size() + " rows; the model needs at least " + min
                    + " (minimum: look-back " + prep.lookBack() + " + difference " + prep.difference() + ")");
        }
        Map<String, double[]> cols = new java.util.LinkedHashMap<>();
        values.forEach((c, v) -> cols.put(c, v.stream().mapToDouble(Double::doubleValue).toArray()));
        return new Table(dataset.timeColumn(), times, cols);
    }

    /** The future values of the model's extra input columns, one row per step. */
    private static Map<String, double[]> future(JsonNode node, List<String> features, int horizon) {
        boolean absent = node == null || node.isNull() || (node.isArray() && node.isEmpty());
        if (features.isEmpty()) {
            if (!absent) {
                throw new ValidationException("future", "the model has no extra input columns: leave future out");
            }
            return Map.of();
        }
        String example = "{" + features.stream().map(c -> "\"" + c + "\": 1.0")
                .collect(java.util.stream.Collectors.joining(", ")) + "}";
        if (absent || !node.isArray() || node.size() != horizon) {
            throw new ValidationException("future", "the model's extra input columns " + features + " need their"
                    + " future values for every step: give " + horizon + " rows (the horizon) of " + example
                    + (absent || !node.isArray() ? "" : ", got " + node.size()));
        }
        List<String> allowed = new ArrayList<>(features);
        allowed.add("time");
        Map<String, double[]> out = new java.util.LinkedHashMap<>();
        features.forEach(f -> out.put(f, new double[horizon]));
        for (int i = 0; i < horizon; i++) {
            String at = "future[" + i + "]";
            JsonNode row = node.get(i);
            if (!row.isObject()) {
                throw new ValidationException(at, "must be a row " + example);
            }
            List<String> missing = features.stream().filter(c -> !row.has(c)).toList();
            if (!missing.isEmpty()) {
                throw new ValidationException(at, "is missing the column(s) " + missing + "; each row needs "
                        + features);
            }
            rowColumns(row, at, allowed, false);
            for (String f : features) {
                out.get(f)[i] = number(row.get(f), at + "." + f);
            }
        }
        return out;
    }

    private static void rowColumns(JsonNode row, String at, List<String> allowed) {
        rowColumns(row, at, allowed, true);
    }

    /** A row must be an object with every {@code allowed} column (when {@code all}) and no other. */
    private static void rowColumns(JsonNode row, String at, List<String> allowed, boolean all) {
        if (row == null || !row.isObject()) {
            throw new ValidationException(at, "must be a row object with " + allowed);
        }
        if (all) {
            List<String> missing = allowed.stream().filter(c -> !row.has(c) || row.get(c).isNull()).toList();
            if (!missing.isEmpty()) {
                throw new ValidationException(at, "is missing the column(s) " + missing + "; each row needs "
                        + allowed);
            }
        }
        List<String> extra = new ArrayList<>();
        row.fieldNames().forEachRemaining(f -> {
            if (!allowed.contains(f)) {
                extra.add(FieldError.excerpt(f));
            }
        });
        if (!extra.isEmpty()) {
            throw new ValidationException(at, "has column(s) the model does not use: " + extra + "; each row has "
                    + allowed);
        }
    }

    private static double number(JsonNode v, String field) {
        if (v == null || !v.isNumber() || !Double.isFinite(v.asDouble())) {
            throw new ValidationException(field, "must be a finite number, got "
                    + FieldError.excerpt(String.valueOf(v)));
        }
        return v.asDouble();
    }

    @Override
    public ApiDtos.SeriesTail tail(Caller caller, String name, Integer version, int rows) {
        RegisteredModel m = find(caller, name);
        ModelVersion v = version == null ? champion(m) : findVersion(m, version);
        Experiment e = forecasting(m, v);
        Table t = ExperimentService.table(e.dataset);
        int n = t.rows();
        int from = Math.max(0, n - Math.max(1, rows));
        double[] y = t.column(e.target);
        List<Double> values = new ArrayList<>(n - from);
        for (int i = from; i < n; i++) {
            values.add(y[i]);
        }
        return new ApiDtos.SeriesTail(t.timeColumn(), e.target, List.copyOf(t.times().subList(from, n)), values);
    }

    @Override
    public ApiDtos.ModelExport export(Caller caller, String name, int version) {
        RegisteredModel m = find(caller, name);
        ModelVersion v = findVersion(m, version);
        Experiment e = Experiment.findById(v.experimentId);
        if (e.generates()) {
            TrialModel model = TrialModel.<TrialModel>findByIdOptional(v.trialId).orElseThrow(() ->
                    new ConflictException("version " + v.version + " of model '" + m.name + "': trial " + v.trialId
                            + " has no stored model to export"));
            return ModelExports.exportText(versionView(m, v), model, e, DatasetService.content(e.dataset));
        }
        return ModelExports.export(versionView(m, v), forecasts.load(v, evaluations.refitReady(v.id)),
                e, config.limits().maxHorizon());
    }

    /**
     * The version's experiment, a forecast's.
     *
     * @throws ConflictException for a generation model, which writes text rather than forecasts
     */
    private static Experiment forecasting(RegisteredModel m, ModelVersion v) {
        Experiment e = Experiment.findById(v.experimentId);
        if (e.generates()) {
            throw new ConflictException("model '" + m.name + "' version " + v.version + " generates text (experiment "
                    + e.id + " learnt the text dataset '" + e.dataset.name + "'): it has no forecasts; write text"
                    + " with POST /api/trials/" + v.trialId + "/sample");
        }
        return e;
    }

    private static ModelVersion champion(RegisteredModel m) {
        if (m.championVersionId == null) {
            throw new NotFoundException("model '" + m.name + "' has no champion version");
        }
        return ModelVersion.findById(m.championVersionId);
    }

    /** The model if it is in the caller's team: another team's is "not found", exactly like a missing one. */
    private static RegisteredModel find(Caller caller, String name) {
        return (name == null ? java.util.Optional.<RegisteredModel>empty()
                : RegisteredModel.findByName(caller.teamId(), name)).filter(m -> caller.canRead(m.teamId))
                .orElseThrow(() -> new NotFoundException("no model named '" + FieldError.excerpt(String.valueOf(name))
                        + "' in team " + caller.teamName()));
    }

    private static ModelVersion findVersion(RegisteredModel m, int version) {
        return ModelVersion.<ModelVersion>find("modelId = ?1 and version = ?2", m.id, version).firstResultOptional()
                .orElseThrow(() -> new NotFoundException("model '" + m.name + "' has no version " + version));
    }

    private ApiDtos.ModelView view(RegisteredModel m) {
        List<ModelVersion> versions = ModelVersion.list("modelId = ?1 order by version desc", m.id);
        Map<String, Integer> aliases = new HashMap<>();
        versions.stream().filter(v -> v.id.equals(m.championVersionId)).findFirst()
                .ifPresent(v -> aliases.put(CHAMPION, v.version));
        return new ApiDtos.ModelView(m.name, m.createdAt, aliases,
                versions.stream().map(v -> versionView(m, v)).toList());
    }

    private ApiDtos.ModelVersionView versionView(RegisteredModel m, ModelVersion v) {
        List<ModelVersion.BaselineAtPromotion> baselines = v.baselines == null ? List.of()
                : Json.MAPPER.convertValue(Json.tree(v.baselines), new TypeReference<>() {
        });
        ModelVersion.BaselineAtPromotion sn = baselines.stream()
                .filter(b -> ViewMapper.SEASONAL_NAIVE.equals(b.name())).findFirst().orElse(null);
        ViewMapper.Reference ref = new ViewMapper.Reference(v.maseScale, sn == null ? null : sn.valRmse(),
                sn == null ? null : sn.testRmse());
        return new ApiDtos.ModelVersionView(m.name, v.version, v.id.equals(m.championVersionId), v.experimentId,
                v.trialId, v.promotedBy, v.promotedAt, Json.tree(v.params), v.valRmse, v.valMae, ref.mase(v.valMae),
                v.valSmape, ref.valSkill(v.valRmse), v.testRmse, v.testMae, ref.mase(v.testMae), v.testSmape,
                ref.testSkill(v.testRmse), v.maseScale, baselines.stream().map(b -> new ApiDtos.VersionBaseline(
                        b.name(), b.testRmse(), b.testMae(), ref.mase(b.testMae()), b.testSmape(),
                        ref.testSkill(b.testRmse()))).toList(),
                evaluations.refitReady(v.id) ? ApiDtos.SERVING_REFIT : ApiDtos.SERVING_TRIAL,
                v.refitTrialId == null ? null : refits.view(v.refitTrialId).orElse(null),
                evaluations.list(v.id, ref), Experiment.<Experiment>findById(v.experimentId).task);
    }
}

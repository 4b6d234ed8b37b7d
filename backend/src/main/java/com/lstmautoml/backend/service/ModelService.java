package com.lstmautoml.backend.service;

import com.fasterxml.jackson.core.type.TypeReference;
import com.lstmautoml.backend.config.Json;
import com.lstmautoml.backend.domain.Experiment;
import com.lstmautoml.backend.domain.ExperimentBaseline;
import com.lstmautoml.backend.domain.ModelVersion;
import com.lstmautoml.backend.domain.RegisteredModel;
import com.lstmautoml.backend.domain.Trial;
import com.lstmautoml.core.api.ApiDtos;
import com.lstmautoml.core.api.Caller;
import com.lstmautoml.core.api.Models;
import com.lstmautoml.core.api.NotFoundException;
import com.lstmautoml.core.api.Role;
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

    public ModelService(Clock clock) {
        this.clock = clock;
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
     * promoted trial, already scored on the test rows, and points champion at it. The model row is locked first, so
     * concurrent promotions to one model take consecutive numbers.
     */
    Registered register(Caller caller, Experiment e, Trial trial, String name) {
        var em = RegisteredModel.getEntityManager();
        em.createNativeQuery("INSERT INTO registered_model (team_id, name, created_at) VALUES (?1, ?2, ?3)"
                        + " ON CONFLICT (team_id, name) DO NOTHING")
                .setParameter(1, e.teamId).setParameter(2, name)
                .setParameter(3, java.time.OffsetDateTime.ofInstant(clock.instant(), java.time.ZoneOffset.UTC))
                .executeUpdate();
        long modelId = ((Number) em.createNativeQuery("SELECT id FROM registered_model WHERE team_id = ?1 AND name = ?2"
                        + " FOR UPDATE").setParameter(1, e.teamId).setParameter(2, name).getSingleResult()).longValue();
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
        v.persist();
        v.flush();
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
                + " (SELECT v.test_rmse FROM model_version v WHERE v.model_id = m.id ORDER BY v.version DESC LIMIT 1)"
                + " FROM registered_model m WHERE m.id IN (:ids)").setParameter("ids", ids).getResultList();
        rows.forEach(r -> stats.put(((Number) r[0]).longValue(), r));
        List<ApiDtos.ModelSummary> out = new ArrayList<>(models.size());
        for (RegisteredModel m : models) {
            Object[] r = stats.get(m.id);
            out.add(new ApiDtos.ModelSummary(m.name, m.createdAt, ((Number) r[1]).intValue(), integer(r[2]),
                    integer(r[3]), r[4] == null ? null : ((Number) r[4]).doubleValue()));
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

    private static ApiDtos.ModelView view(RegisteredModel m) {
        List<ModelVersion> versions = ModelVersion.list("modelId = ?1 order by version desc", m.id);
        Map<String, Integer> aliases = new HashMap<>();
        versions.stream().filter(v -> v.id.equals(m.championVersionId)).findFirst()
                .ifPresent(v -> aliases.put(CHAMPION, v.version));
        return new ApiDtos.ModelView(m.name, m.createdAt, aliases,
                versions.stream().map(v -> versionView(m, v)).toList());
    }

    private static ApiDtos.ModelVersionView versionView(RegisteredModel m, ModelVersion v) {
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
                        ref.testSkill(b.testRmse()))).toList());
    }
}

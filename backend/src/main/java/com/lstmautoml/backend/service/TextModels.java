package com.lstmautoml.backend.service;

import com.lstmautoml.backend.domain.Dataset;
import com.lstmautoml.backend.domain.Experiment;
import com.lstmautoml.backend.domain.Trial;
import com.lstmautoml.backend.domain.TrialModel;
import com.lstmautoml.core.api.ApiDtos;
import com.lstmautoml.core.api.ConflictException;
import com.lstmautoml.core.text.CharVocabulary;
import com.lstmautoml.core.text.TextCorpus;
import com.lstmautoml.core.training.CharLstmTrainer;
import com.lstmautoml.core.training.CharSampler;
import com.lstmautoml.core.training.OneStepForecasts;
import com.lstmautoml.core.validation.FieldError;
import com.lstmautoml.core.validation.ValidationException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What the service does with generation trials' models: text on request ({@link #sample}), the samples every
 * COMPLETED generation trial shows at {@link CharSampler#TEMPERATURES} (written by {@link #samplePending()} on a
 * timer, into {@code trial_sample}), and the test-slice bits per character of a promoted one ({@link #testBits}).
 * Restored networks are kept for the few trials sampled last; a network's state is its own, so each is sampled by one
 * thread at a time.
 */
@ApplicationScoped
public class TextModels {

    private static final Logger LOG = LoggerFactory.getLogger(TextModels.class);

    /** Networks kept restored. */
    static final int CACHED = 4;
    /** Trials sampled per timer pass at most. */
    static final int PER_PASS = 4;

    private final Clock clock;
    /** Trials whose samples could not be written: skipped by later passes of this process, logged once. */
    private final java.util.Set<Long> unsampled = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final Map<Long, Loaded> cache = new LinkedHashMap<>(CACHED, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Loaded> eldest) {
            return size() > CACHED;
        }
    };

    public TextModels(Clock clock) {
        this.clock = clock;
    }

    /** A trial's restored network with its vocabulary; lock it while sampling. */
    record Loaded(MultiLayerNetwork net, CharVocabulary vocabulary) {
    }

    /**
     * Text the trial's model writes after the request's seed (in the caller's transaction: the trial is readable).
     *
     * @throws ValidationException naming seed, length or temperature
     * @throws ConflictException   when the trial is not a generation trial with a stored model
     */
    ApiDtos.TextSample sample(Trial trial, Experiment experiment, ApiDtos.SampleRequest request) {
        List<FieldError> errors = new ArrayList<>();
        String seed = request == null ? null : request.seed();
        if (seed == null || seed.isEmpty()) {
            errors.add(new FieldError("seed", "give the text the sample continues: at least one character, e.g."
                    + " \"The \""));
        } else if (seed.codePointCount(0, seed.length()) > CharSampler.MAX_SEED_LENGTH) {
            errors.add(new FieldError("seed", "must be at most " + CharSampler.MAX_SEED_LENGTH + " characters, got "
                    + seed.codePointCount(0, seed.length())));
        }
        int length = request == null || request.length() == null ? CharSampler.SHOWN_LENGTH : request.length();
        if (length < 1 || length > CharSampler.MAX_LENGTH) {
            errors.add(new FieldError("length", "must be 1 to " + CharSampler.MAX_LENGTH + " characters, got "
                    + length));
        }
        double temperature = request == null || request.temperature() == null ? 1.0 : request.temperature();
        if (!(temperature > 0) || temperature > CharSampler.MAX_TEMPERATURE) {
            errors.add(new FieldError("temperature", "must be above 0 and at most " + CharSampler.MAX_TEMPERATURE
                    + " (below 1 more conservative, above 1 more surprising; e.g. 0.5, 1.0, 1.2), got "
                    + temperature));
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        long randomSeed = request.randomSeed() != null ? request.randomSeed() : ThreadLocalRandom.current().nextLong();
        Loaded loaded = load(trial, experiment);
        String text;
        synchronized (loaded) {
            text = new CharSampler(loaded.net(), loaded.vocabulary()).sample(seed, length, temperature,
                    new Random(randomSeed));
        }
        return new ApiDtos.TextSample(seed, temperature, length, randomSeed, text);
    }

    /** The samples stored for a trial, by temperature as shown. */
    static List<ApiDtos.TextSample> samples(long trialId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em().createNativeQuery("SELECT seed, temperature, random_seed, text FROM trial_sample"
                + " WHERE trial_id = ?1 ORDER BY position").setParameter(1, trialId).getResultList();
        return rows.stream().map(r -> {
            String text = (String) r[3];
            return new ApiDtos.TextSample((String) r[0], ((Number) r[1]).doubleValue(),
                    text.codePointCount(0, text.length()), ((Number) r[2]).longValue(), text);
        }).toList();
    }

    /**
     * Bits per character of the trial's model on its experiment's test slice: the final word on a chosen model, read
     * once when it is promoted.
     */
    double testBits(Trial trial, Experiment experiment) {
        TextCorpus corpus = TextCorpus.of(DatasetService.content(experiment.dataset));
        Loaded loaded = load(trial, experiment);
        synchronized (loaded) {
            return CharLstmTrainer.testBitsPerCharacter(loaded.net(), corpus);
        }
    }

    /** The characters of the test slice of an experiment's text. */
    static int testCharacters(Dataset text) {
        return text.rowCount - TextCorpus.validationEnd(text.rowCount);
    }

    /**
     * Writes the samples of COMPLETED generation trials that have none, oldest first, {@link #PER_PASS} trials at most,
     * each in its own transaction; a trial whose model cannot be sampled is logged once and skipped from then on (until
     * the service restarts), so it never holds up the others.
     *
     * @return how many trials got samples
     */
    public int samplePending() {
        List<Long> pending = QuarkusTransaction.requiringNew().call(() -> {
            @SuppressWarnings("unchecked")
            List<Number> ids = em().createNativeQuery("SELECT t.id FROM trial t JOIN experiment e ON e.id ="
                    + " t.experiment_id WHERE e.task = 'generate' AND t.state = 'COMPLETED' AND t.kind = 'SEARCH'"
                    + " AND NOT EXISTS (SELECT 1 FROM trial_sample s WHERE s.trial_id = t.id)"
                    + " AND EXISTS (SELECT 1 FROM trial_model m WHERE m.trial_id = t.id)"
                    // the ids are this process's own longs, never input
                    + (unsampled.isEmpty() ? "" : " AND t.id NOT IN (" + unsampled.stream().map(String::valueOf)
                    .collect(java.util.stream.Collectors.joining(", ")) + ")")
                    + " ORDER BY t.id LIMIT " + PER_PASS).getResultList();
            return ids.stream().map(Number::longValue).toList();
        });
        int done = 0;
        for (long id : pending) {
            try {
                QuarkusTransaction.requiringNew().run(() -> writeSamples(Trial.findById(id)));
                done++;
            } catch (RuntimeException e) {
                unsampled.add(id);
                LOG.warn("trial {}: its samples could not be written; not tried again until a restart", id, e);
            }
        }
        return done;
    }

    @Scheduled(every = "${automl.samples.interval:2s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void tick() {
        try {
            samplePending();
        } catch (RuntimeException e) {
            LOG.debug("trial samples: {}", e.toString());
        }
    }

    private void writeSamples(Trial trial) {
        Experiment e = Experiment.findById(trial.experimentId);
        String start = (String) em().createNativeQuery("SELECT left(content, " + TextCorpus.SAMPLE_SEED_LENGTH
                + ") FROM dataset_text WHERE dataset_id = ?1").setParameter(1, e.dataset.id).getSingleResult();
        String seed = TextCorpus.sampleSeed(start);
        Loaded loaded = load(trial, e);
        List<String> texts = new ArrayList<>();
        synchronized (loaded) {
            CharSampler sampler = new CharSampler(loaded.net(), loaded.vocabulary());
            for (int i = 0; i < CharSampler.TEMPERATURES.size(); i++) {
                texts.add(sampler.sample(seed, CharSampler.SHOWN_LENGTH, CharSampler.TEMPERATURES.get(i),
                        new Random(e.seed + i)));
            }
        }
        for (int i = 0; i < texts.size(); i++) {
            em().createNativeQuery("INSERT INTO trial_sample (trial_id, position, seed, temperature, random_seed, text,"
                            + " created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT DO NOTHING")
                    .setParameter(1, trial.id).setParameter(2, i).setParameter(3, seed)
                    .setParameter(4, CharSampler.TEMPERATURES.get(i)).setParameter(5, e.seed + i)
                    .setParameter(6, texts.get(i)).setParameter(7, SqlTimes.parameter(clock.instant()))
                    .executeUpdate();
        }
    }

    private Loaded load(Trial trial, Experiment experiment) {
        if (!experiment.generates()) {
            throw new ConflictException("trial " + trial.id + " forecasts a series (experiment " + experiment.id
                    + " is a forecast): only a generation experiment's trials write text");
        }
        synchronized (cache) {
            Loaded cached = cache.get(trial.id);
            if (cached != null) {
                return cached;
            }
        }
        TrialModel model = TrialModel.<TrialModel>findByIdOptional(trial.id).orElseThrow(() -> new ConflictException(
                "trial " + trial.id + " is " + trial.state + " and has no stored model to write text with; choose a"
                        + " COMPLETED or PRUNED trial"));
        Loaded loaded = new Loaded(OneStepForecasts.restore(model.modelZip),
                CharLstmTrainer.vocabulary(model.preprocessing));
        synchronized (cache) {
            cache.put(trial.id, loaded);
        }
        return loaded;
    }

    private static EntityManager em() {
        return Trial.getEntityManager();
    }
}

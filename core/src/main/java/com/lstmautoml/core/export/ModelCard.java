package com.lstmautoml.core.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.lstmautoml.core.api.ApiDtos;

import java.util.List;

/**
 * What an exported model is, in {@code model-card.json}: which registered version and which of its models is inside,
 * the data it learnt from (with a fingerprint of the exact training rows), its parameters and held-out scores, who
 * promoted it, and what its half-precision copy costs. A card is written once by the service and read by anyone
 * holding the archive; the offline {@code worker forecast} command takes {@code model}, {@code version} and
 * {@code servedBy} from it for its answer. Unknown fields are ignored on reading, so later cards stay readable.
 *
 * @param format        {@link #FORMAT}: the archive layout this card belongs to
 * @param model         the registered model's name
 * @param version       the version number
 * @param servedBy      which of the version's models the archive holds ({@link ApiDtos#SERVING_TRIAL} or
 *                      {@link ApiDtos#SERVING_REFIT}), the one the service forecasts with
 * @param experimentId  the experiment the version was promoted from
 * @param trialId       the promoted trial
 * @param dataset       the dataset it was trained on
 * @param trainingData  the rows the served model was fitted on
 * @param params        the trial's hyperparameters, as stored with the version
 * @param metrics       the version's scores at promotion and its baselines'
 * @param promotedBy    who promoted the version
 * @param promotedAt    when, ISO-8601 UTC
 * @param halfPrecision the fp16 copy in {@code model-fp16.zip}
 */
public record ModelCard(String format, String model, int version, String servedBy, long experimentId, long trialId,
                        DatasetInfo dataset, TrainingData trainingData, JsonNode params, Metrics metrics,
                        String promotedBy, String promotedAt, HalfPrecision halfPrecision) {

    /** The layout of {@link ModelArchive}; a reader refuses other formats. */
    public static final String FORMAT = "lstm-automl-export/1";
    /**
     * The layout of a generation model's archive ({@link ModelArchive#writeText}): its dataset's {@code rows} are
     * characters, its training data the training slice's characters, its scores bits per character in {@code rmse},
     * and it has no half-precision copy.
     */
    public static final String TEXT_FORMAT = "lstm-automl-text-export/1";

    /**
     * The dataset as a whole.
     *
     * @param name         its name in the team
     * @param timeColumn   its time column
     * @param target       the forecast column
     * @param inputColumns the model's inputs in model order (the target first, then extra features)
     * @param rows         its rows
     * @param firstTime    the first row's time label
     * @param lastTime     the last row's
     */
    public record DatasetInfo(String name, String timeColumn, String target, List<String> inputColumns, int rows,
                              String firstTime, String lastTime) {
    }

    /**
     * The rows the served model was fitted on: rows {@code [0, rows)} of the dataset.
     *
     * @param rows             how many
     * @param firstTime        the first one's time label
     * @param lastTime         the last one's
     * @param sha256           {@link TrainingDataDigest#sha256} of them
     * @param sha256Definition {@link TrainingDataDigest#DEFINITION}: how to recompute it
     */
    public record TrainingData(int rows, String firstTime, String lastTime, String sha256, String sha256Definition) {
    }

    /**
     * Scores in the series' units (sMAPE in percent); MASE and skill against seasonal naive as in the registry.
     * Null where the registry has none.
     */
    public record Scores(Double rmse, Double mae, Double mase, Double smape, Double skill) {
    }

    /**
     * The version's scores at promotion, one step ahead with actual history.
     *
     * @param validation on the validation rows (what the search ranked by; with several validation windows, the
     *                   means over them)
     * @param test       on the held-out test rows
     * @param baselines  the experiment's baselines on the same test rows
     */
    public record Metrics(Scores validation, Scores test, List<ApiDtos.VersionBaseline> baselines) {
    }

    /**
     * The half-precision copy and its cost, measured on the experiment's test rows one step ahead
     * ({@link HalfPrecisionCopy}).
     *
     * @param file           its entry in the archive
     * @param dataType       its parameters' data type (HALF)
     * @param inference      the data type its forecasts were computed in when scored (HALF: the copy itself ran)
     * @param bytes          the size of {@code file}
     * @param servedBytes    the size of the served model's {@code model.zip}, for comparison
     * @param testRows       the rows both were scored on
     * @param servedTestRmse the served model's RMSE there; null without test rows
     * @param halfTestRmse   the copy's RMSE there; null without test rows
     * @param change         {@code halfTestRmse - servedTestRmse}: what half precision costs (negative: gains)
     */
    public record HalfPrecision(String file, String dataType, String inference, long bytes, long servedBytes,
                                int testRows, Double servedTestRmse, Double halfTestRmse, Double change) {
    }
}

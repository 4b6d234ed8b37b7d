package com.lstmautoml.backend.service;

import com.lstmautoml.backend.domain.Experiment;
import com.lstmautoml.backend.domain.TrialModel;
import com.lstmautoml.core.experiment.ExperimentSpec;
import com.lstmautoml.core.text.TextCorpus;
import com.lstmautoml.core.api.ApiDtos;
import com.lstmautoml.core.data.ChronoSplit;
import com.lstmautoml.core.data.Preprocessing;
import com.lstmautoml.core.data.Table;
import com.lstmautoml.core.export.HalfPrecisionCopy;
import com.lstmautoml.core.export.ModelArchive;
import com.lstmautoml.core.export.ModelCard;
import com.lstmautoml.core.export.TrainingDataDigest;
import com.lstmautoml.core.forecast.Conformal;
import com.lstmautoml.core.data.SplitFractions;

import java.util.List;

/**
 * Exports of registered versions ({@link ModelArchive}): what the service serves for a version, packed so that it
 * forecasts offline with the same numbers. Everything comes from the version's {@link ForecastService.Loaded} entry,
 * so an export holds whichever model the service serves (the trial's, or its refit once that serves), and the
 * calibration is the entry's own object, not a recomputation that could drift from it.
 */
final class ModelExports {

    private ModelExports() {
    }

    /**
     * The archive of a version.
     *
     * @param view       the version as the registry shows it (its parameters and scores go on the card)
     * @param served     its served model, from {@link ForecastService#load}
     * @param experiment the experiment it was promoted from (its dataset's name, its test rows)
     * @param maxHorizon the longest forecast the service answers: the calibration covers that many steps at most
     */
    static ApiDtos.ModelExport export(ApiDtos.ModelVersionView view, ForecastService.Loaded served,
                                      Experiment experiment, int maxHorizon) {
        Preprocessing prep = served.prep();
        Table table = served.dataset();
        // the rows the version's test score was computed on, whatever rows the served model was fitted on
        ChronoSplit.Range testRows = ChronoSplit.of(table.rows(), new SplitFractions(experiment.trainFraction,
                experiment.valFraction)).test();
        byte[] modelZip;
        HalfPrecisionCopy half;
        Conformal calibration;
        synchronized (served) { // the entry's network is not thread-safe: forecasts hold the same lock
            modelZip = ModelArchive.modelZip(served.net);
            half = HalfPrecisionCopy.of(served.net, prep, table, testRows);
            calibration = served.calibrationOfAllSteps(maxHorizon);
        }
        ModelCard card = card(view, served, experiment.dataset.name, modelZip.length, half);
        return new ApiDtos.ModelExport(view.model() + "-v" + view.version() + ".zip",
                ModelArchive.write(card, modelZip, prep, calibration, half.modelZip()));
    }

    /**
     * The archive of a generation model's version ({@link ModelArchive#writeText}): the promoted trial's network and
     * vocabulary, and a card whose rows are characters and whose scores are bits per character.
     */
    static ApiDtos.ModelExport exportText(ApiDtos.ModelVersionView view, TrialModel model, Experiment experiment,
                                          String text) {
        int characters = experiment.dataset.rowCount;
        int trainEnd = TextCorpus.trainEnd(characters);
        String training = text.substring(0, text.offsetByCodePoints(0, trainEnd));
        ModelCard.DatasetInfo dataset = new ModelCard.DatasetInfo(experiment.dataset.name, null,
                ExperimentSpec.TEXT_TARGET, List.of(), characters, null, null);
        ModelCard.TrainingData trainingData = new ModelCard.TrainingData(trainEnd, null, null,
                TrainingDataDigest.sha256(training), TrainingDataDigest.TEXT_DEFINITION);
        ModelCard.Metrics metrics = new ModelCard.Metrics(
                new ModelCard.Scores(view.valRmse(), null, null, null, null),
                new ModelCard.Scores(view.testRmse(), null, null, null, null), view.baselines());
        ModelCard card = new ModelCard(ModelCard.TEXT_FORMAT, view.model(), view.version(), ApiDtos.SERVING_TRIAL,
                view.experimentId(), view.trialId(), dataset, trainingData, view.params(), metrics, view.promotedBy(),
                view.promotedAt() == null ? null : view.promotedAt().toString(), null);
        return new ApiDtos.ModelExport(view.model() + "-v" + view.version() + ".zip",
                ModelArchive.writeText(card, model.modelZip, model.preprocessing));
    }

    static ModelCard card(ApiDtos.ModelVersionView view, ForecastService.Loaded served, String datasetName,
                          long servedBytes, HalfPrecisionCopy half) {
        Preprocessing prep = served.prep();
        Table table = served.dataset();
        ChronoSplit.Range train = prep.rows().train();
        ModelCard.DatasetInfo dataset = new ModelCard.DatasetInfo(datasetName, table.timeColumn(), prep.target(),
                prep.inputColumns(), table.rows(), time(table, 0), time(table, table.rows() - 1));
        ModelCard.TrainingData trainingData = new ModelCard.TrainingData(train.size(), time(table, train.from()),
                time(table, train.to() - 1), TrainingDataDigest.sha256(table, prep.inputColumns(), train),
                TrainingDataDigest.DEFINITION);
        ModelCard.Metrics metrics = new ModelCard.Metrics(
                new ModelCard.Scores(view.valRmse(), view.valMae(), view.valMase(), view.valSmape(), view.valSkill()),
                new ModelCard.Scores(view.testRmse(), view.testMae(), view.testMase(), view.testSmape(),
                        view.testSkill()),
                view.baselines());
        ModelCard.HalfPrecision halfPrecision = new ModelCard.HalfPrecision(ModelArchive.HALF_MODEL,
                HalfPrecisionCopy.TYPE.name(), HalfPrecisionCopy.TYPE.name(), half.modelZip().length, servedBytes,
                half.testRows(), finite(half.servedTestRmse()), finite(half.halfTestRmse()), finite(half.change()));
        return new ModelCard(ModelCard.FORMAT, view.model(), view.version(), served.servedBy(), view.experimentId(),
                view.trialId(), dataset, trainingData, view.params(), metrics, view.promotedBy(),
                view.promotedAt() == null ? null : view.promotedAt().toString(), halfPrecision);
    }

    private static String time(Table t, int row) {
        return row >= 0 && row < t.rows() ? t.times().get(row) : null;
    }

    private static Double finite(double x) {
        return Double.isFinite(x) ? x : null;
    }
}

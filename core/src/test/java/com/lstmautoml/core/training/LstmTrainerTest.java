package com.lstmautoml.core.training;

import com.lstmautoml.core.data.SplitFractions;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.lstmautoml.core.data.ChronoSplit;
import com.lstmautoml.core.data.CsvParser;
import com.lstmautoml.core.data.MinMaxScaler;
import com.lstmautoml.core.data.Preprocessing;
import com.lstmautoml.core.data.Table;
import com.lstmautoml.core.data.WindowMaker;
import com.lstmautoml.core.data.Windows;
import com.lstmautoml.core.trial.TrialParams;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.nd4j.linalg.factory.Nd4j;

import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LstmTrainerTest {

    static final int ROWS = 60;
    static final TrialParams TINY = new TrialParams(4, 1, 3, 0.0, 16, 0.01);
    static final long SEED = 42;

    private final LstmTrainer trainer = new LstmTrainer();
    private Table table;
    private TrainingJob job;
    private TrainingResult result;
    private final List<double[]> reported = new ArrayList<>();

    /** seasonal series with a trend, an extreme value in the test slice, and a second (feature) column */
    static Table synthetic() {
        double[] y = new double[ROWS];
        double[] x = new double[ROWS];
        for (int t = 0; t < ROWS; t++) {
            y[t] = 10 + 5 * Math.sin(2 * Math.PI * t / 12) + 0.1 * t;
            x[t] = Math.cos(2 * Math.PI * t / 12);
        }
        y[ROWS - 1] = 1000; // test slice (rows 51..59) holds an extreme
        Map<String, double[]> cols = new LinkedHashMap<>();
        cols.put("y", y);
        cols.put("x", x);
        return new Table("t", IntStream.range(0, ROWS).mapToObj(i -> "t" + i).toList(), cols);
    }

    static TrainingJob job(Table table, List<String> features, TrialParams p, int maxEpochs, int patience) {
        return new TrainingJob(table, "y", features, p, LstmNetwork.configurationJson(1 + features.size(), p, SEED),
                SplitFractions.DEFAULT, maxEpochs, 1, patience, SEED);
    }

    @BeforeAll
    void trainOnce() {
        table = synthetic();
        job = job(table, List.of(), TINY, 6, 100);
        result = trainer.train(job, (epoch, train, val, rmse) -> {
            reported.add(new double[]{epoch, train, val, rmse});
            return EpochVerdict.CONTINUE;
        });
    }

    @Test
    void resultIsConsistent() {
        // rule: runs to maxEpochs when patience cannot trigger
        assertThat(result.stopReason()).isEqualTo(StopReason.MAX_EPOCHS);
        assertThat(result.epochsRun()).isEqualTo(6);
        // rule: the best epoch is one that ran
        assertThat(result.bestEpoch()).isBetween(0, result.epochsRun() - 1);
        // rule: one curve point per epoch, numbered 0..n-1
        assertThat(result.curve()).extracting(TrainingResult.EpochLoss::epoch).containsExactly(0, 1, 2, 3, 4, 5);
        // rule: the listener saw the same losses as the curve, every epoch
        assertThat(reported).hasSize(6);
        for (int i = 0; i < 6; i++) {
            assertThat(reported.get(i)[1]).isEqualTo(result.curve().get(i).trainLoss());
            assertThat(reported.get(i)[2]).isEqualTo(result.curve().get(i).valLoss());
            assertThat(reported.get(i)[3]).isEqualTo(result.curve().get(i).valRmse());
        }
        // rule: the best epoch has the lowest validation RMSE (series' units), and it is the trial's valRmse
        double bestRmse = result.curve().get(result.bestEpoch()).valRmse();
        assertThat(result.curve()).allSatisfy(e -> assertThat(e.valRmse()).isGreaterThanOrEqualTo(bestRmse));
        assertThat(result.valRmse()).isCloseTo(bestRmse, within(bestRmse * 1e-6));
        // rule: a model zip is produced
        assertThat(result.modelZip()).isNotEmpty();
    }

    @Test
    void valRmseRecomputesFromActualAndPredicted() {
        double[] a = result.valActual();
        double[] p = result.valPredicted();
        double ss = 0;
        for (int i = 0; i < a.length; i++) {
            ss += (a[i] - p[i]) * (a[i] - p[i]);
        }
        // rule: reported valRmse == RMSE of the reported actuals and predictions (independent computation)
        assertThat(result.valRmse()).isCloseTo(Math.sqrt(ss / a.length), within(1e-9));
        // rule: MAE and sMAPE of the same actuals and predictions (independent computation)
        double abs = 0;
        double smape = 0;
        for (int i = 0; i < a.length; i++) {
            abs += Math.abs(a[i] - p[i]);
            smape += 200 * Math.abs(a[i] - p[i]) / (Math.abs(a[i]) + Math.abs(p[i]));
        }
        assertThat(result.valMae()).isCloseTo(abs / a.length, within(1e-9));
        assertThat(result.valSmape()).isCloseTo(smape / a.length, within(1e-9));
        // rule: RMSEs are finite and positive
        assertThat(result.valRmse()).isPositive().isFinite();
        assertThat(result.trainRmse()).isPositive().isFinite();
    }

    @Test
    void storedModelForecastsValidationAgainAndTheTestRows() {
        ChronoSplit s = ChronoSplit.of(ROWS, SplitFractions.DEFAULT);
        OneStepForecasts.Forecast val = OneStepForecasts.forRows(result.modelZip(), result.preprocessingJson(), table,
                s.validation());
        // rule: the stored model and preprocessing reproduce the trainer's validation forecasts
        assertThat(val.predicted()).containsExactly(result.valPredicted(), within(1e-9));
        OneStepForecasts.Forecast test = OneStepForecasts.forRows(result.modelZip(), result.preprocessingJson(), table,
                s.test());
        // rule: one forecast per test row, against the raw test values
        assertThat(test.actual()).containsExactly(Arrays.copyOfRange(table.column("y"), s.test().from(), s.test().to()));
        assertThat(test.times()).containsExactlyElementsOf(table.times().subList(s.test().from(), s.test().to()));
        assertThat(test.predicted()).hasSize(s.test().size());
        assertThat(Arrays.stream(test.predicted()).allMatch(Double::isFinite)).isTrue();
    }

    @Test
    void valActualAreRawSeriesValuesAtValidationRows() {
        ChronoSplit s = ChronoSplit.of(ROWS, SplitFractions.DEFAULT);
        double[] y = table.column("y");
        // rule: one validation target per validation row (rows 42..50)
        assertThat(result.valActual()).containsExactly(Arrays.copyOfRange(y, s.validation().from(), s.validation().to()));
        // rule: time labels are those of the validation rows
        assertThat(result.valTimes()).containsExactlyElementsOf(table.times().subList(s.validation().from(),
                s.validation().to()));
    }

    @Test
    void bestValLossMatchesValRmseInScaledUnits() {
        MinMaxScaler sc = (MinMaxScaler) Preprocessing.fromJson(result.preprocessingJson()).targetScaler();
        double range = sc.max() - sc.min();
        double scaledMse = result.curve().get(result.bestEpoch()).valLoss();
        // rule: the loss is the MSE of the last-step predictions (scaled), and the result comes from the best epoch
        assertThat(Math.sqrt(scaledMse) * range).isCloseTo(result.valRmse(), within(result.valRmse() * 1e-3));
    }

    @Test
    void preprocessingHasTrainingSliceScaler() throws Exception {
        var json = new ObjectMapper().readTree(result.preprocessingJson());
        double[] train = Arrays.copyOfRange(table.column("y"), 0, ChronoSplit.of(ROWS, SplitFractions.DEFAULT).trainEnd());
        // rule: no leakage - the scaler's min/max are the training slice's (the 1000 in the test slice is ignored)
        assertThat(json.at("/scalers/y/min").asDouble()).isEqualTo(Arrays.stream(train).min().orElseThrow());
        assertThat(json.at("/scalers/y/max").asDouble()).isEqualTo(Arrays.stream(train).max().orElseThrow());
        // rule: the JSON has what serving needs
        assertThat(json.at("/lookBack").asInt()).isEqualTo(3);
        assertThat(json.at("/target").asText()).isEqualTo("y");
        assertThat(json.at("/inputColumns/0").asText()).isEqualTo("y");
    }

    @Test
    void modelZipAndPreprocessingReproduceThePredictions() throws Exception {
        MultiLayerNetwork net = ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(result.modelZip()));
        Preprocessing prep = Preprocessing.fromJson(result.preprocessingJson());
        Windows v = WindowMaker.make(prep.scaledColumns(table), 0, prep.lookBack(), prep.rows().validation());
        var out = net.output(Nd4j.create(v.ncw(), new long[]{v.samples(), v.features(), v.lookBack()},
                net.getLayerWiseConfigurations().getDataType()));
        double[] pred = new double[v.samples()];
        for (int i = 0; i < pred.length; i++) {
            pred[i] = prep.targetScaler().inverse(out.getDouble(i, 0, v.lookBack() - 1));
        }
        // rule: the saved best model + preprocessing give the reported validation predictions
        assertThat(pred).containsExactly(result.valPredicted(), within(1e-6));
    }

    @Test
    void sameSeedSameResult() {
        TrainingResult again = trainer.train(job, EpochListener.NONE);
        // rule: training is reproducible from the job
        assertThat(again.valRmse()).isEqualTo(result.valRmse());
        assertThat(again.curve()).isEqualTo(result.curve());
    }

    /** The job of {@link #trainOnce} on {@code k} validation windows. */
    private TrainingJob windowed(int k) {
        return new TrainingJob(table, "y", List.of(), TINY, job.modelConfigJson(), SplitFractions.DEFAULT,
                job.maxEpochs(), job.minEpochs(), job.patience(), SEED, 0, k);
    }

    /** A listener that records every epoch with its window (and refuses the window-less call). */
    private static EpochListener recording(List<TrainingResult.EpochLoss> seen,
                                           java.util.function.Predicate<TrainingResult.EpochLoss> prune) {
        return new EpochListener() {
            @Override
            public EpochVerdict onEpoch(int epoch, double trainLoss, double valLoss, double valRmse) {
                throw new AssertionError("the trainer reports epochs with their window");
            }

            @Override
            public EpochVerdict onEpoch(TrainingResult.EpochLoss loss) {
                seen.add(loss);
                return prune.test(loss) ? EpochVerdict.PRUNE : EpochVerdict.CONTINUE;
            }
        };
    }

    @Test
    void validationWindowsTrainEveryWindowAndRankTheMeanOfTheirRmses() {
        List<TrainingResult.EpochLoss> seen = new ArrayList<>();
        TrainingResult r = trainer.train(windowed(3), recording(seen, e -> false));

        // rule: one best RMSE per window, and the trial's validation RMSE is their mean
        double[] w = r.valRmseWindows();
        assertThat(w).hasSize(3);
        assertThat(r.valRmse()).isCloseTo((w[0] + w[1] + w[2]) / 3, within(1e-12));
        // rule: each window trains its own maxEpochs (6), epochs numbered from 0, reported with their window, oldest
        // window first; epochsRun counts them all
        assertThat(r.epochsRun()).isEqualTo(18);
        assertThat(seen).extracting(TrainingResult.EpochLoss::window)
                .containsExactly(0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2);
        assertThat(seen).extracting(TrainingResult.EpochLoss::epoch)
                .containsExactly(0, 1, 2, 3, 4, 5, 0, 1, 2, 3, 4, 5, 0, 1, 2, 3, 4, 5);
        assertThat(r.curve()).isEqualTo(seen);
        // rule: each window's RMSE is the best (lowest) of its epochs
        for (int j = 0; j < 3; j++) {
            int window = j;
            assertThat(seen.stream().filter(e -> e.window() == window).mapToDouble(TrainingResult.EpochLoss::valRmse)
                    .min().orElseThrow()).isCloseTo(w[j], within(w[j] * 1e-5));
        }

        // rule: the last window is the one-window job, bit for bit (its model, epochs and predictions)
        assertThat(w[2]).isEqualTo(result.valRmse());
        assertThat(r.trainRmse()).isEqualTo(result.trainRmse());
        assertThat(r.bestEpoch()).isEqualTo(result.bestEpoch());
        assertThat(r.valPredicted()).containsExactly(result.valPredicted());
        assertThat(r.valTimes()).isEqualTo(result.valTimes());
        assertThat(r.preprocessingJson()).isEqualTo(result.preprocessingJson());
        assertThat(r.curve().subList(12, 18)).extracting(e -> List.of(e.epoch(), e.trainLoss(), e.valLoss(),
                e.valRmse())).isEqualTo(result.curve().stream().map(e -> List.of(e.epoch(), e.trainLoss(),
                e.valLoss(), e.valRmse())).toList());
        // a one-window job reports its one RMSE as its windows
        assertThat(result.valRmseWindows()).containsExactly(result.valRmse());

        // rule: each window's min-max scaler is fitted on that window's training rows only. With no transform and
        // no differencing, the RMSE in the series' units is sqrt(scaled MSE) × (max - min) of the scaler's rows, so
        // the best epoch of window j gives back its range: rows [0, 24), [0, 33) and [0, 42) (60 rows: validation
        // [42, 51), 9 rows; windows validate on [24, 33), [33, 42), [42, 51))
        double[] y = table.column("y");
        int[] trainEnds = {24, 33, 42};
        double[] ranges = new double[3];
        for (int j = 0; j < 3; j++) {
            ranges[j] = Arrays.stream(y, 0, trainEnds[j]).max().orElseThrow()
                    - Arrays.stream(y, 0, trainEnds[j]).min().orElseThrow();
            int window = j;
            TrainingResult.EpochLoss best = seen.stream().filter(e -> e.window() == window)
                    .min(java.util.Comparator.comparingDouble(TrainingResult.EpochLoss::valRmse)).orElseThrow();
            assertThat(Math.sqrt(best.valLoss()) * ranges[j]).isCloseTo(w[j], within(w[j] * 1e-3));
        }
        // (the series trends upwards, so the three ranges differ by far more than that tolerance)
        assertThat(ranges[1] - ranges[0]).isGreaterThan(1.0);
        assertThat(ranges[2] - ranges[1]).isGreaterThan(1.0);
    }

    @Test
    void aTrialPrunedInAWindowStopsThereWithTheMeanOfWhatItTrained() {
        List<TrainingResult.EpochLoss> seen = new ArrayList<>();
        TrainingResult r = trainer.train(windowed(3), recording(seen, e -> e.window() == 1 && e.epoch() == 2));

        // rule: PRUNE in window 1 ends the trial after that epoch: window 2 is never trained
        assertThat(r.stopReason()).isEqualTo(StopReason.PRUNED);
        assertThat(r.epochsRun()).isEqualTo(6 + 3);
        assertThat(seen).extracting(TrainingResult.EpochLoss::window).doesNotContain(2);
        // rule: its RMSE is the mean of window 0's best and window 1's best so far
        double[] w = r.valRmseWindows();
        assertThat(w).hasSize(2);
        assertThat(r.valRmse()).isCloseTo((w[0] + w[1]) / 2, within(1e-12));
        double window1Best = seen.stream().filter(e -> e.window() == 1)
                .mapToDouble(TrainingResult.EpochLoss::valRmse).min().orElseThrow();
        assertThat(w[1]).isCloseTo(window1Best, within(window1Best * 1e-5));
    }

    @Test
    void moreWindowsThanTheSeriesHoldsAreRefused() {
        // 42 training rows of 9-row windows: look_back 3 needs 5 in the oldest window, so at most 1 + 37 / 9 = 5
        assertThatThrownBy(() -> trainer.train(windowed(6), EpochListener.NONE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("validationWindows")
                .hasMessageContaining("between 1 and 5");
    }

    @Test
    void cancelStopsAfterThatEpoch() {
        TrainingResult r = trainer.train(job(table, List.of(), TINY, 8, 100),
                (epoch, t, v, rmse) -> epoch == 1 ? EpochVerdict.CANCEL : EpochVerdict.CONTINUE);
        // rule: CANCEL at epoch 1 -> CANCELLED after 2 epochs
        assertThat(r.stopReason()).isEqualTo(StopReason.CANCELLED);
        assertThat(r.epochsRun()).isEqualTo(2);
        assertThat(r.curve()).hasSize(2);
    }

    @Test
    void pruneAndAbandonMapToTheirReasons() {
        TrainingResult pruned = trainer.train(job(table, List.of(), TINY, 8, 100), (e, t, v, rmse) -> EpochVerdict.PRUNE);
        // rule: PRUNE -> PRUNED after that epoch
        assertThat(pruned.stopReason()).isEqualTo(StopReason.PRUNED);
        assertThat(pruned.epochsRun()).isEqualTo(1);
        TrainingResult lost = trainer.train(job(table, List.of(), TINY, 8, 100), (e, t, v, rmse) -> EpochVerdict.ABANDON);
        // rule: ABANDON -> LEASE_LOST
        assertThat(lost.stopReason()).isEqualTo(StopReason.LEASE_LOST);
    }

    @Test
    void theTrainingLossIsTheMeanOfTheEpochsMinibatchLosses() {
        // a network that does not learn (learning rate ~0) and has no dropout: the mean of its minibatch losses
        // (batches of 16, 16 and 7 windows) is its MSE over all training windows, which the training RMSE gives
        // independently: minmax-scaled on the training rows [0, 42), so scaled MSE = (RMSE / range)^2
        TrialParams frozen = new TrialParams(4, 1, 3, 0.0, 16, 1e-12);
        TrainingResult r = trainer.train(job(table, List.of(), frozen, 3, 100), (e, t, v, rmse) -> EpochVerdict.CONTINUE);
        double[] y = table.column("y");
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int t = 0; t < 42; t++) {
            min = Math.min(min, y[t]);
            max = Math.max(max, y[t]);
        }
        double expected = Math.pow(r.trainRmse() / (max - min), 2);
        assertThat(r.curve()).hasSize(3).allSatisfy(e ->
                assertThat(e.trainLoss()).isCloseTo(expected, within(expected * 1e-4)));
    }

    @Test
    void theTimesAccountForTheWallTimeAndPutTheListenerInEpochReports() {
        long t0 = System.nanoTime();
        TrainingResult r = trainer.train(job(table, List.of(), TINY, 4, 100), (e, t, v, rmse) -> {
            long until = System.nanoTime() + 20_000_000L; // 20 ms of "database" per epoch
            while (System.nanoTime() < until) {
                Thread.onSpinWait();
            }
            return EpochVerdict.CONTINUE;
        });
        double wall = (System.nanoTime() - t0) / 1e9;
        TrainingTimes times = r.times();
        // rule: the phases do not overlap and sum to no more than the call's wall time
        assertThat(times.total()).isLessThanOrEqualTo(wall);
        assertThat(times.epochs()).isEqualTo(4);
        assertThat(times.fit()).isPositive();
        assertThat(times.validation()).isPositive();
        assertThat(times.checkpoints()).isPositive(); // epoch 0 always improves on nothing
        assertThat(times.finish()).isPositive();
        // rule: the listener's time is the epoch reports', not the fit's
        assertThat(times.epochReports()).isGreaterThanOrEqualTo(4 * 0.020);
        assertThat(times.fit()).isLessThan(wall - 4 * 0.020);
    }

    @Test
    void patienceStopsWhenNothingImproves() {
        TrialParams frozen = new TrialParams(4, 1, 3, 0.0, 16, 1e-12); // learning rate ~0: the loss cannot improve
        AtomicInteger calls = new AtomicInteger();
        TrainingResult r = trainer.train(job(table, List.of(), frozen, 8, 2), (e, t, v, rmse) -> {
            calls.incrementAndGet();
            return EpochVerdict.CONTINUE;
        });
        // rule: no improvement for `patience` epochs after the first -> PATIENCE after patience + 1 epochs
        assertThat(r.stopReason()).isEqualTo(StopReason.PATIENCE);
        assertThat(r.epochsRun()).isEqualTo(3);
        assertThat(calls).hasValue(3);
        // rule: the kept model is the first epoch's
        assertThat(r.bestEpoch()).isZero();
    }

    @Test
    void aRefitTrainsItsEpochsOnTrainAndValidationWithScalersFittedThere() {
        TrainingJob search = job(table, List.of(), TINY, 6, 100);
        TrainingJob refit = new TrainingJob(table, "y", List.of(), TINY, search.modelConfigJson(),
                SplitFractions.DEFAULT, 6, 1, 100, SEED, 4);
        List<double[]> epochs = new ArrayList<>();
        TrainingResult r = trainer.train(refit, (epoch, train, val, rmse) -> {
            epochs.add(new double[]{epoch, train, val, rmse});
            return EpochVerdict.CONTINUE;
        });
        // exactly refitEpochs epochs, no early stopping, the last one kept
        assertThat(r.epochsRun()).isEqualTo(4);
        assertThat(r.bestEpoch()).isEqualTo(3);
        assertThat(r.stopReason()).isEqualTo(StopReason.MAX_EPOCHS);
        assertThat(epochs).hasSize(4);
        assertThat(epochs).allSatisfy(e -> assertThat(Double.isNaN(e[2]) && Double.isNaN(e[3])).isTrue());
        // no validation: no validation metrics or predictions
        assertThat(r.valRmse()).isNaN();
        assertThat(r.valTimes()).isEmpty();
        // 60 rows: the search trains on 42 and validates on 9; the refit trains on those 51 and keeps the 9 test rows
        Preprocessing prep = Preprocessing.fromJson(r.preprocessingJson());
        assertThat(prep.rows().train()).isEqualTo(new ChronoSplit.Range(0, 51));
        assertThat(prep.rows().validation().size()).isZero();
        assertThat(prep.rows().test()).isEqualTo(new ChronoSplit.Range(51, 60));
        // the min-max scaler saw the rows up to 51, where the search's saw 42 (the series trends upwards)
        double[] y = table.column("y");
        double max51 = java.util.Arrays.stream(y, 0, 51).max().orElseThrow();
        assertThat(((com.lstmautoml.core.data.MinMaxScaler) prep.targetScaler()).max()).isEqualTo(max51);
        // the model is usable on the test rows
        OneStepForecasts.Forecast test = OneStepForecasts.forRows(OneStepForecasts.restore(r.modelZip()), prep, table,
                prep.rows().test());
        assertThat(test.predicted()).hasSize(9);
        assertThat(java.util.Arrays.stream(test.predicted()).allMatch(Double::isFinite)).isTrue();

        // a cancel verdict stops a refit like a search trial
        TrainingResult cancelled = trainer.train(refit, (epoch, train, val, rmse) ->
                epoch == 1 ? EpochVerdict.CANCEL : EpochVerdict.CONTINUE);
        assertThat(cancelled.stopReason()).isEqualTo(StopReason.CANCELLED);
        assertThat(cancelled.epochsRun()).isEqualTo(2);
    }

    @Test
    void minEpochsHoldsEarlyStoppingBack() {
        TrialParams frozen = new TrialParams(4, 1, 3, 0.0, 16, 1e-12); // learning rate ~0: the loss cannot improve
        TrainingJob j = new TrainingJob(table, "y", List.of(), frozen, LstmNetwork.configurationJson(1, frozen, SEED),
                SplitFractions.DEFAULT, 10, 6, 2, SEED);
        TrainingResult r = trainer.train(j, EpochListener.NONE);
        // rule: patience 2 would stop after 3 epochs; minEpochs 6 lets it stop only once 6 epochs are trained
        assertThat(r.stopReason()).isEqualTo(StopReason.PATIENCE);
        assertThat(r.epochsRun()).isEqualTo(6);
    }

    @Test
    void nonFiniteLossStopsAsDiverged() {
        TrialParams exploding = new TrialParams(4, 1, 3, 0.0, 16, 1e30); // steps of ~1e30 overflow float
        AtomicInteger calls = new AtomicInteger();
        TrainingResult r = trainer.train(job(table, List.of(), exploding, 8, 100), (e, t, v, rmse) -> {
            calls.incrementAndGet();
            return EpochVerdict.CONTINUE;
        });
        // rule: a NaN/infinite loss ends training with DIVERGED before maxEpochs
        assertThat(r.stopReason()).isEqualTo(StopReason.DIVERGED);
        assertThat(r.epochsRun()).isLessThan(8);
        // rule: the diverged epoch is in the curve with its non-finite loss, but not reported to the listener
        assertThat(r.curve()).hasSize(r.epochsRun());
        TrainingResult.EpochLoss last = r.curve().get(r.epochsRun() - 1);
        assertThat(Double.isFinite(last.trainLoss()) && Double.isFinite(last.valLoss())).isFalse();
        assertThat(calls).hasValue(r.epochsRun() - 1);
    }

    @Test
    void multivariateJobTrains() {
        TrialParams p = new TrialParams(4, 2, 3, 0.2, 8, 0.01);
        TrainingResult r = trainer.train(job(table, List.of("x"), p, 3, 100), EpochListener.NONE);
        // rule: target + 1 feature trains to a finite RMSE
        assertThat(r.valRmse()).isFinite();
        assertThat(r.epochsRun()).isEqualTo(3);
        // rule: both columns get a scaler fitted on the training slice
        assertThat(Preprocessing.fromJson(r.preprocessingJson()).scalers()).containsOnlyKeys("y", "x");
    }

    @Test
    void configInputCountMustMatch() {
        TrainingJob bad = new TrainingJob(table, "y", List.of("x"), TINY, LstmNetwork.configurationJson(1, TINY, SEED),
                SplitFractions.DEFAULT, 2, 1, 1, SEED);
        // rule: nIn of the config must equal the number of input columns
        assertThatThrownBy(() -> trainer.train(bad, EpochListener.NONE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nIn 1").hasMessageContaining("2 input");
    }

    @Test
    void dataTooShortForLookBack() {
        TrialParams longWindow = new TrialParams(4, 1, 41, 0.0, 16, 0.01); // 42 training rows, needs 43
        // rule: too short data is an IllegalArgumentException that names look_back and the numbers
        assertThatThrownBy(() -> trainer.train(job(table, List.of(), longWindow, 2, 1), EpochListener.NONE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("look_back 41")
                .hasMessageContaining("42 train");
    }

    @Test
    void notADl4jConfig() {
        TrainingJob bad = new TrainingJob(table, "y", List.of(), TINY, "{\"nope\":1}", SplitFractions.DEFAULT, 2, 1, 1, SEED);
        // rule: a config that is not DL4J's is refused clearly
        assertThatThrownBy(() -> trainer.train(bad, EpochListener.NONE)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void airPassengersTrainsSmall() throws Exception {
        Table air;
        try (var r = new InputStreamReader(getClass().getResourceAsStream("/datasets/airline-passengers.csv"),
                StandardCharsets.UTF_8)) {
            air = new CsvParser().parse(r);
        }
        TrialParams p = new TrialParams(8, 1, 3, 0.0, 16, 0.01);
        TrainingJob j = new TrainingJob(air, "Passengers", List.of(), p, LstmNetwork.configurationJson(1, p, SEED),
                SplitFractions.DEFAULT, 5, 1, 3, SEED);
        TrainingResult r = trainer.train(j, EpochListener.NONE);
        // rule: 144 rows -> 21 validation targets starting at row 100 (1957-05)
        assertThat(r.valTimes()).hasSize(21).first().isEqualTo("1957-05");
        // rule: the validation actuals are the raw passenger counts
        assertThat(r.valActual()[0]).isEqualTo(air.column("Passengers")[100]);
        // rule: the RMSE is finite and in passenger units (a sane order of magnitude)
        assertThat(r.valRmse()).isFinite().isBetween(1.0, 1000.0);
    }

    @Test
    void logSeasonalDifferenceStandardScalerReportsOriginalUnits() {
        // y is positive (>= 5); 42 training rows >= lookBack 3 + difference 12 + 2
        TrialParams p = TINY.withPreprocessing("log", 12, "standard");
        TrainingResult r = trainer.train(job(table, List.of(), p, 3, 100), (e, t, v, rmse) -> EpochVerdict.CONTINUE);
        ChronoSplit s = ChronoSplit.of(ROWS, SplitFractions.DEFAULT);
        double[] y = table.column("y");
        // rule: actuals are still the raw series values of every validation row
        assertThat(r.valActual()).containsExactly(Arrays.copyOfRange(y, s.validation().from(), s.validation().to()));
        // rule: valRmse equals an independent RMSE of the reported actuals and predictions
        double ss = 0;
        for (int i = 0; i < r.valActual().length; i++) {
            ss += (r.valActual()[i] - r.valPredicted()[i]) * (r.valActual()[i] - r.valPredicted()[i]);
        }
        assertThat(r.valRmse()).isCloseTo(Math.sqrt(ss / r.valActual().length), within(1e-9));
        // rule: predictions are in original units: near the series (a seasonal-naive-like forecast), not log units
        assertThat(Arrays.stream(r.valPredicted()).boxed().toList()).allSatisfy(v -> assertThat(v).isBetween(1.0, 100.0));
        // rule: the stored preprocessing records transform, lag and scaler type
        Preprocessing prep = Preprocessing.fromJson(r.preprocessingJson());
        assertThat(prep.transform()).isEqualTo(com.lstmautoml.core.data.Transform.LOG);
        assertThat(prep.difference()).isEqualTo(12);
        assertThat(prep.targetScaler().type()).isEqualTo(com.lstmautoml.core.data.ScalerType.STANDARD);
    }

    @Test
    void logOnNonPositiveDataIsRejected() {
        // x = cos(...) has values <= 0
        TrialParams p = TINY.withPreprocessing("log", 0, "minmax");
        assertThatThrownBy(() -> trainer.train(job(table, List.of("x"), p, 1, 1), (e, t, v, rmse) -> EpochVerdict.CONTINUE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("column x has values <= 0 (row");
    }
}

package com.lstmautoml.core.forecast;

import com.lstmautoml.core.baselines.BaselineScore;
import com.lstmautoml.core.baselines.Baselines;
import com.lstmautoml.core.data.ChronoSplit;
import com.lstmautoml.core.data.CsvParser;
import com.lstmautoml.core.data.Preprocessing;
import com.lstmautoml.core.data.ScalerType;
import com.lstmautoml.core.data.Table;
import com.lstmautoml.core.data.Transform;
import com.lstmautoml.core.evaluation.ForecastMetrics;
import com.lstmautoml.core.forecast.HorizonEvaluation.Coverage;
import com.lstmautoml.core.forecast.HorizonEvaluation.Step;
import com.lstmautoml.core.forecast.HorizonEvaluation.StepCoverage;
import com.lstmautoml.core.training.LstmNetwork;
import com.lstmautoml.core.training.OneStepForecasts;
import com.lstmautoml.core.data.SplitFractions;
import com.lstmautoml.core.trial.TrialParams;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * Horizon evaluation on hand-made forecasts: per-step RMSEs against sums written out here (seasonal naive and
 * Holt-Winters on a series that is exactly trend plus season, where both are known in closed form), coverage of
 * hand-chosen errors against hand-listed calibration errors, and, with a tiny real network on AirPassengers, step 1
 * against the one-step scores.
 */
class HorizonEvaluationTest {

    static final int M = 4;
    static final int N = 60;
    static final int TRAIN_END = 40;
    static final int VALIDATION_END = 48;
    static final double[] PATTERN = {3, -1, 4, -6};

    /** 50 + 0.5·t plus a season of 4 that sums to 0: Holt-Winters' initial states are then exact. */
    static double[] series() {
        double[] y = new double[N];
        for (int t = 0; t < N; t++) {
            y[t] = 50 + 0.5 * t + PATTERN[t % M];
        }
        return y;
    }

    /** Forecasts of steps 1..min(h, N − o) from every test origin: the actual plus {@code error(i, k)}. */
    static double[][] forecasts(double[] y, int h, java.util.function.BiFunction<Integer, Integer, Double> error) {
        double[][] f = new double[N - VALIDATION_END][];
        for (int i = 0; i < f.length; i++) {
            int o = VALIDATION_END + i;
            f[i] = new double[Math.min(h, N - o)];
            for (int k = 1; k <= f[i].length; k++) {
                f[i][k - 1] = y[o + k - 1] + error.apply(i, k);
            }
        }
        return f;
    }

    static Conformal noBands() {
        return new Conformal(List.of());
    }

    @Test
    void perStepRmsesOfTheModelAndTheBaselines() {
        double[] y = series();
        int h = 6;
        java.util.function.BiFunction<Integer, Integer, Double> error =
                (i, k) -> 0.1 * (i + 1) * k * (i % 2 == 0 ? 1 : -1);
        HorizonEvaluation e = HorizonEvaluation.evaluate(y, TRAIN_END, VALIDATION_END, M, h, forecasts(y, h, error),
                noBands());
        assertThat(e.horizon()).isEqualTo(h);
        assertThat(e.steps()).extracting(Step::step).containsExactly(1, 2, 3, 4, 5, 6);
        for (Step s : e.steps()) {
            int k = s.step();
            // origins o in [48, 60) whose row o + k - 1 is before 60
            int count = N - VALIDATION_END - (k - 1);
            assertThat(s.count()).isEqualTo(count);
            double sum = 0;
            for (int i = 0; i < count; i++) {
                sum += Math.pow(error.apply(i, k), 2);
            }
            assertThat(s.rmse()).as("step %d", k).isCloseTo(Math.sqrt(sum / count), within(1e-12));
            // seasonal naive repeats the last season: off by the trend over m·ceil(k/m) rows, 0.5 per row
            assertThat(s.seasonalNaiveRmse()).as("step %d", k)
                    .isCloseTo(0.5 * M * Math.ceil((double) k / M), within(1e-9));
            // Holt-Winters' states are exact for trend plus additive season: no error at any step
            assertThat(s.holtWintersRmse()).as("step %d", k).isCloseTo(0, within(1e-6));
            assertThat(s.skill()).isCloseTo(1 - s.rmse() / s.seasonalNaiveRmse(), within(1e-12));
        }
        assertThat(e.coverage()).isEmpty();
    }

    @Test
    void originsWithoutForecastsAreLeftOutForEveryMethod() {
        double[] y = series();
        double[][] f = forecasts(y, 3, (i, k) -> (double) k);
        f[0] = new double[0];
        f[5] = new double[0];
        HorizonEvaluation e = HorizonEvaluation.evaluate(y, TRAIN_END, VALIDATION_END, M, 3, f, noBands());
        // two origins fewer at every step
        assertThat(e.steps()).extracting(Step::count).containsExactly(10, 9, 8);
        assertThat(e.steps()).extracting(Step::rmse).containsExactly(1.0, 2.0, 3.0);
        assertThat(e.steps()).extracting(Step::seasonalNaiveRmse).containsExactly(2.0, 2.0, 2.0);
    }

    @Test
    void coverageCountsThePairsInsideTheBandOfTheirStep() {
        double[] y = series();
        // calibration errors: step 1 has 1..10, step 2 has 1..20, step 3 only 1..3
        double[] one = new double[10];
        double[] two = new double[20];
        Arrays.setAll(one, i -> i + 1);
        Arrays.setAll(two, i -> i + 1);
        Conformal c = new Conformal(List.of(one, two, new double[]{1, 2, 3}));
        // 80%: step 1 the ceil(11 * 0.8) = 9th error (9), step 2 the 17th (17), step 3 none (rank 4 of 3)
        // 95%: step 1 none (rank 11 of 10), step 2 the 20th (20), step 3 none
        double[] errors1 = {0, 1, -5, 9, 8.5, 3, -9, 9.5, 12, -20, 2, -30};   // 8 of 12 within 9
        double[] errors2 = {0, 16, 17, -17, 18, 19.5, 20, -21, 5, 25, -2};    // 6 of 11 within 17, 9 within 20
        double[][] f = forecasts(y, 3, (i, k) -> k == 1 ? errors1[i] : k == 2 ? errors2[i] : 100.0);
        HorizonEvaluation e = HorizonEvaluation.evaluate(y, TRAIN_END, VALIDATION_END, M, 3, f, c, 80, 95);

        Coverage c80 = e.coverage().get(0);
        assertThat(c80.level()).isEqualTo(80);
        assertThat(c80.inside()).isEqualTo(8 + 6);
        assertThat(c80.count()).isEqualTo(12 + 11);
        assertThat(c80.share()).isEqualTo(14.0 / 23);
        assertThat(c80.steps()).containsExactly(new StepCoverage(1, 9, 8, 12), new StepCoverage(2, 17, 6, 11),
                new StepCoverage(3, Double.NaN, 0, 0));

        Coverage c95 = e.coverage().get(1);
        assertThat(c95.level()).isEqualTo(95);
        assertThat(c95.inside()).isEqualTo(9);
        assertThat(c95.count()).isEqualTo(11);
        assertThat(c95.steps()).containsExactly(new StepCoverage(1, Double.NaN, 0, 0),
                new StepCoverage(2, 20, 9, 11), new StepCoverage(3, Double.NaN, 0, 0));
        assertThat(c95.steps().get(0).share()).isNaN();

        // steps beyond the calibration have no band
        HorizonEvaluation longer = HorizonEvaluation.evaluate(y, TRAIN_END, VALIDATION_END, M, 5,
                forecasts(y, 5, (i, k) -> 0.0), c, 80);
        assertThat(longer.coverage().get(0).steps()).extracting(StepCoverage::count).containsExactly(12, 11, 0, 0, 0);
        assertThat(HorizonEvaluation.evaluate(y, TRAIN_END, VALIDATION_END, M, 2, forecasts(y, 2, (i, k) -> 0.0),
                noBands(), 80).coverage().get(0).share()).isNaN();
    }

    @Test
    void defaultHorizonIsASeasonBetween12And48StepsAndWithinTheTestRows() {
        assertThat(HorizonEvaluation.defaultHorizon(12, 23)).isEqualTo(12);
        assertThat(HorizonEvaluation.defaultHorizon(1, 23)).isEqualTo(12);
        assertThat(HorizonEvaluation.defaultHorizon(4, 100)).isEqualTo(12);
        assertThat(HorizonEvaluation.defaultHorizon(24, 100)).isEqualTo(24);
        assertThat(HorizonEvaluation.defaultHorizon(168, 500)).isEqualTo(48);
        assertThat(HorizonEvaluation.defaultHorizon(12, 5)).isEqualTo(5);
        assertThat(HorizonEvaluation.defaultHorizon(12, 0)).isEqualTo(1);
    }

    @Test
    void rejectsForecastsOfTheWrongShapeAndBadArguments() {
        double[] y = series();
        double[][] f = forecasts(y, 3, (i, k) -> 0.0);
        assertThatThrownBy(() -> HorizonEvaluation.evaluate(y, TRAIN_END, VALIDATION_END, M, 3,
                Arrays.copyOf(f, 11), noBands())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("12 test rows");
        double[][] shortRow = f.clone();
        shortRow[3] = new double[2];
        assertThatThrownBy(() -> HorizonEvaluation.evaluate(y, TRAIN_END, VALIDATION_END, M, 3, shortRow,
                noBands())).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("origin 51");
        assertThatThrownBy(() -> HorizonEvaluation.evaluate(y, TRAIN_END, VALIDATION_END, M, 3, f, noBands(), 80, 100))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("percentages");
        assertThatThrownBy(() -> HorizonEvaluation.evaluate(y, TRAIN_END, N, M, 3, new double[0][], noBands()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HorizonEvaluation.evaluate(y, TRAIN_END, VALIDATION_END, 41, 3, f, noBands()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aNetworksStepOneIsItsOneStepTestScore() throws IOException {
        Table air;
        try (var r = new InputStreamReader(getClass().getResourceAsStream("/datasets/airline-passengers.csv"),
                StandardCharsets.UTF_8)) {
            air = new CsvParser().parse(r);
        }
        // an untrained but real network: the arithmetic, not the quality, is under test
        TrialParams p = new TrialParams(4, 1, 6, 0.0, 16, 0.01, "log", 12, "minmax");
        MultiLayerNetwork net = new MultiLayerNetwork(LstmNetwork.configuration(1, p, 3));
        net.init();
        Preprocessing prep = Preprocessing.fit(air, List.of("Passengers"), 6, SplitFractions.DEFAULT, Transform.LOG,
                12, ScalerType.MIN_MAX);
        ChronoSplit rows = prep.rows();
        assertThat(rows.test()).isEqualTo(new ChronoSplit.Range(121, 144));
        Conformal c = Conformal.calibrate(net, prep, air, rows.validation(), rows.validationEnd(), 12);

        HorizonEvaluation e = HorizonEvaluation.evaluate(net, prep, air, 12, 12, c, 80, 95);

        double[] y = air.column("Passengers");
        Step first = e.steps().get(0);
        assertThat(first.count()).isEqualTo(23);
        assertThat(e.steps().get(11).count()).isEqualTo(12);
        // step 1 from every test origin is the one-step forecast of every test row
        double[] oneStep = OneStepForecasts.forRows(net, prep, air, rows.test()).predicted();
        assertThat(first.rmse()).isCloseTo(ForecastMetrics.rmse(Arrays.copyOfRange(y, 121, 144), oneStep),
                within(1e-9));
        // and the baselines' step 1 is their one-step test score (seasonal naive 50.89, FORECASTING.md)
        List<BaselineScore> baselines = Baselines.evaluate(y, rows.trainEnd(), rows.validationEnd(), 12);
        assertThat(first.seasonalNaiveRmse()).isCloseTo(baselines.get(1).test().rmse(), within(1e-9))
                .isCloseTo(50.89, within(0.005));
        assertThat(first.holtWintersRmse()).isCloseTo(baselines.get(2).test().rmse(), within(1e-9));
        // the same as evaluating the batched forecasts by hand
        assertThat(e).isEqualTo(HorizonEvaluation.evaluate(y, rows.trainEnd(), rows.validationEnd(), 12, 12,
                RecursiveForecaster.fromOrigins(net, prep, air, rows.test(), 12, 144), c, 80, 95));
        // 21 validation origins: step k has 22 - k errors; 80% needs 4 (every step), 95% needs 19 (steps 1..3)
        assertThat(e.coverage().get(0).count()).isEqualTo(210); // 23 + 22 + ... + 12
        assertThat(e.coverage().get(1).count()).isEqualTo(23 + 22 + 21);
    }
}

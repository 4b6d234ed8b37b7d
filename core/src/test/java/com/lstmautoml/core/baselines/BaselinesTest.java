package com.lstmautoml.core.baselines;

import com.lstmautoml.core.data.CsvParser;
import com.lstmautoml.core.data.Table;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The baselines on AirPassengers with the service's split (train 100, validation 21, test 23 rows) and m = 12. */
class BaselinesTest {

    private static final int TRAIN_END = 100;
    private static final int VALIDATION_END = 121;
    private static final int M = 12;

    private static double[] passengers;

    @BeforeAll
    static void load() throws IOException {
        try (var r = new InputStreamReader(BaselinesTest.class.getResourceAsStream("/datasets/airline-passengers.csv"),
                StandardCharsets.UTF_8)) {
            Table air = new CsvParser().parse(r);
            passengers = air.column("Passengers");
        }
        assertThat(passengers).hasSize(144);
    }

    @Test
    void namesInOrder() {
        assertThat(Baselines.names()).containsExactly("naive", "seasonal naive", "Holt-Winters");
        assertThat(Baselines.evaluate(passengers, TRAIN_END, VALIDATION_END, M)).extracting(BaselineScore::name)
                .containsExactlyElementsOf(Baselines.names());
    }

    @Test
    void naiveAndSeasonalNaiveMatchTheReferenceFigures() {
        List<BaselineScore> scores = Baselines.evaluate(passengers, TRAIN_END, VALIDATION_END, M);
        // FORECASTING.md, computed with statsmodels on the same rows
        assertThat(scores.get(0).validation().rmse()).isCloseTo(45.56, within(0.01));
        assertThat(scores.get(0).test().rmse()).isCloseTo(52.68, within(0.01));
        assertThat(scores.get(1).validation().rmse()).isCloseTo(31.04, within(0.01));
        assertThat(scores.get(1).test().rmse()).isCloseTo(50.89, within(0.01));
    }

    @Test
    void withValidationWindowsTheValidationScoresAreTheWindowsMeans() {
        var split = com.lstmautoml.core.data.ChronoSplit.of(144,
                com.lstmautoml.core.data.SplitFractions.DEFAULT);
        List<BaselineScore> one = Baselines.evaluate(passengers, split.validationWindows(1), M);
        List<BaselineScore> three = Baselines.evaluate(passengers, split.validationWindows(3), M);
        // one window is the split: the same scores as before windows existed
        assertThat(one).isEqualTo(Baselines.evaluate(passengers, TRAIN_END, VALIDATION_END, M));
        // seasonal naive forecasts y[t] with y[t - 12]: its RMSE by hand on rows [58, 79), [79, 100), [100, 121)
        double mean = (seasonalNaiveRmse(58, 79) + seasonalNaiveRmse(79, 100) + seasonalNaiveRmse(100, 121)) / 3;
        assertThat(three.get(1).validation().rmse()).isCloseTo(mean, within(1e-9));
        // (the windows differ: the mean, 34.88, is not the last window's 31.04)
        assertThat(mean).isNotCloseTo(31.04, within(1.0));
        // the test scores stay those of the fit on the experiment's training rows
        for (int i = 0; i < 3; i++) {
            assertThat(three.get(i).test()).isEqualTo(one.get(i).test());
            assertThat(three.get(i).description()).isEqualTo(one.get(i).description());
        }
    }

    private static double seasonalNaiveRmse(int from, int to) {
        double ss = 0;
        for (int t = from; t < to; t++) {
            ss += (passengers[t] - passengers[t - M]) * (passengers[t] - passengers[t - M]);
        }
        return Math.sqrt(ss / (to - from));
    }

    @Test
    void holtWintersBeatsSeasonalNaiveWithASeasonalForm() {
        List<BaselineScore> scores = Baselines.evaluate(passengers, TRAIN_END, VALIDATION_END, M);
        BaselineScore seasonalNaive = scores.get(1);
        BaselineScore hw = scores.get(2);
        assertThat(hw.validation().rmse()).isLessThan(seasonalNaive.validation().rmse());
        assertThat(hw.test().rmse()).isLessThan(seasonalNaive.test().rmse());
        // statsmodels' additive-trend multiplicative-season fit (estimated initial states): 20.98 / 16.02;
        // this one (heuristic initial states) measured 15.43 / 14.97
        assertThat(hw.validation().rmse()).isBetween(10.0, 25.0);
        assertThat(hw.test().rmse()).isBetween(10.0, 25.0);
        HoltWintersBaseline.Model model = new HoltWintersBaseline().fit(passengers, TRAIN_END, M);
        assertThat(model.form().seasonal()).isTrue();
        assertThat(hw.description()).isEqualTo(model.description()).contains("season (m=12)");
    }

    @Test
    void nothingOfTheValidationOrTestRowsLeaksIntoTheFit() {
        double[] changed = passengers.clone();
        for (int t = TRAIN_END; t < changed.length; t++) {
            changed[t] = t % 2 == 0 ? 3 * changed[t] : 1;
        }
        for (Baseline b : List.of(new NaiveBaseline(), new SeasonalNaiveBaseline(), new HoltWintersBaseline())) {
            Baseline.Fitted original = b.fit(passengers, TRAIN_END, M);
            Baseline.Fitted other = b.fit(changed, TRAIN_END, M);
            assertThat(other.description()).as(b.name()).isEqualTo(original.description());
            // the forecast of the first validation row uses rows < trainEnd only
            assertThat(other.oneStep(changed, TRAIN_END, TRAIN_END + 1))
                    .as(b.name()).isEqualTo(original.oneStep(passengers, TRAIN_END, TRAIN_END + 1));
        }
        assertThat(Baselines.evaluate(changed, TRAIN_END, VALIDATION_END, M)).extracting(BaselineScore::description)
                .isEqualTo(Baselines.evaluate(passengers, TRAIN_END, VALIDATION_END, M).stream()
                        .map(BaselineScore::description).toList());
    }

    @Test
    void oneStepUsesTheActualHistory() {
        Baseline.Fitted hw = new HoltWintersBaseline().fit(passengers, TRAIN_END, M);
        double[] changed = passengers.clone();
        changed[TRAIN_END] += 100;
        // the forecast of row 101 moves with the actual value of row 100, that of row 100 does not
        assertThat(hw.oneStep(changed, TRAIN_END, TRAIN_END + 1)).isEqualTo(hw.oneStep(passengers, TRAIN_END,
                TRAIN_END + 1));
        assertThat(hw.oneStep(changed, TRAIN_END + 1, TRAIN_END + 2)[0])
                .isNotEqualTo(hw.oneStep(passengers, TRAIN_END + 1, TRAIN_END + 2)[0]);
        // a slice is the same as the corresponding part of a longer run
        double[] all = hw.oneStep(passengers, TRAIN_END, passengers.length);
        assertThat(hw.oneStep(passengers, VALIDATION_END, passengers.length))
                .containsExactly(java.util.Arrays.copyOfRange(all, VALIDATION_END - TRAIN_END, all.length));
    }

    @Test
    void maseIsMaeOverTheTrainingSeasonalNaiveScale() {
        // computed independently of ForecastMetrics: mean |y[t] - y[t-12]| over training rows 12..99
        double sum = 0;
        for (int t = M; t < TRAIN_END; t++) {
            sum += Math.abs(passengers[t] - passengers[t - M]);
        }
        double scale = sum / (TRAIN_END - M);
        // the naive validation MAE by hand: mean |y[t] - y[t-1]| over rows 100..120
        double naiveMae = 0;
        for (int t = TRAIN_END; t < VALIDATION_END; t++) {
            naiveMae += Math.abs(passengers[t] - passengers[t - 1]) / (VALIDATION_END - TRAIN_END);
        }
        List<BaselineScore> scores = Baselines.evaluate(passengers, TRAIN_END, VALIDATION_END, M);
        assertThat(scores.get(0).validation().mae()).isCloseTo(naiveMae, within(1e-9));
        for (BaselineScore s : scores) {
            assertThat(s.validation().mase()).as(s.name()).isCloseTo(s.validation().mae() / scale, within(1e-12));
            assertThat(s.test().mase()).as(s.name()).isCloseTo(s.test().mae() / scale, within(1e-12));
        }
    }

    @Test
    void rejectsBadSplitsAndSeasonLengths() {
        assertThatThrownBy(() -> Baselines.evaluate(passengers, TRAIN_END, VALIDATION_END, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Baselines.evaluate(passengers, 10, 20, 11))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Baselines.evaluate(passengers, TRAIN_END, TRAIN_END, M))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Baselines.evaluate(passengers, TRAIN_END, passengers.length, M))
                .isInstanceOf(IllegalArgumentException.class);
        // the smallest allowed: m = trainEnd, one validation and one test row
        assertThat(Baselines.evaluate(passengers, 12, 13, 12)).hasSize(3);
    }
}

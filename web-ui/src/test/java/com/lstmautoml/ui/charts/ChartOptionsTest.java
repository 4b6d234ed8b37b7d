package com.lstmautoml.ui.charts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.lstmautoml.core.api.ApiDtos.BaselineView;
import com.lstmautoml.core.api.ApiDtos.EpochPoint;
import com.lstmautoml.core.api.ApiDtos.Predictions;
import com.lstmautoml.core.api.ApiDtos.TrialPoint;
import com.lstmautoml.core.space.Hyperparameter;
import com.lstmautoml.core.space.Task;
import com.lstmautoml.ui.fakes.Fixtures;
import com.lstmautoml.ui.layout.TaskScore;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static com.lstmautoml.ui.fakes.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

class ChartOptionsTest {

    private static TrialPoint point(int number, String state, Double rmse, int units) {
        return new TrialPoint(number + 100, number, state, json("{`units`:" + units + ",`layers`:1,`lookBack`:12,"
                + "`dropout`:0.1,`batchSize`:16,`learningRate`:0.001}"), rmse);
    }

    private final List<TrialPoint> points = List.of(
            point(3, "COMPLETED", 30.0, 16), point(1, "COMPLETED", 40.0, 8), point(2, "FAILED", null, 8),
            point(4, "COMPLETED", 35.0, 32), point(5, "COMPLETED", 22.0, 64), point(6, "RUNNING", null, 16),
            point(7, "COMPLETED", 25.0, 8));

    @Test
    void optimisationHistoryHasOnePointPerFinishedTrialAndANonIncreasingBestLine() {
        ObjectNode o = ChartOptions.optimisationHistory(points, List.of(), TaskScore.RMSE);
        JsonNode scatter = o.get("series").get(0).get("data");
        JsonNode best = o.get("series").get(1).get("data");

        assertThat(scatter).hasSize(5);
        List<Integer> numbers = new ArrayList<>();
        scatter.forEach(p -> numbers.add(p.get(0).intValue()));
        assertThat(numbers).containsExactly(1, 3, 4, 5, 7);
        assertThat(best).hasSize(5);
        List<Double> bests = new ArrayList<>();
        best.forEach(p -> bests.add(p.get(1).doubleValue()));
        assertThat(bests).containsExactly(40.0, 30.0, 30.0, 22.0, 22.0);
        for (int i = 1; i < bests.size(); i++) {
            assertThat(bests.get(i)).isLessThanOrEqualTo(bests.get(i - 1));
        }
    }

    @Test
    void optimisationHistoryDrawsADashedLabelledLinePerBaselineAtItsValidationRmse() {
        ObjectNode o = ChartOptions.optimisationHistory(points, Fixtures.BASELINES, TaskScore.RMSE);
        JsonNode series = o.get("series");
        assertThat(series).hasSize(2 + Fixtures.BASELINES.size());
        for (BaselineView b : Fixtures.BASELINES) {
            JsonNode s = null;
            for (JsonNode candidate : series) {
                if (b.name().equals(candidate.get("name").textValue())) {
                    s = candidate;
                }
            }
            assertThat(s).as(b.name()).isNotNull();
            JsonNode markLine = s.get("markLine");
            assertThat(markLine.get("lineStyle").get("type").textValue()).isEqualTo("dashed");
            assertThat(markLine.get("data")).hasSize(1);
            assertThat(markLine.get("data").get(0).get("yAxis").doubleValue()).isEqualTo(b.valRmse());
            assertThat(markLine.get("label").get("formatter").textValue()).startsWith(b.name() + " ");
            // invisible points at the same height keep the line on the chart (ECharts sizes axes from data only)
            assertThat(s.get("data").get(0).get(1).doubleValue()).isEqualTo(b.valRmse());
            assertThat(s.get("data").get(1).get(0).intValue()).isEqualTo(7); // the last finished trial
        }
        List<String> legend = new ArrayList<>();
        o.get("legend").get("data").forEach(n -> legend.add(n.textValue()));
        assertThat(legend).containsExactly("trial", "best so far", "naive", "seasonal naive", "Holt-Winters");
        // the trials' series are as before
        assertThat(series.get(0).get("data")).hasSize(5);
        assertThat(ChartOptions.optimisationHistory(points, List.of(), TaskScore.RMSE).get("series")).hasSize(2);
    }

    @Test
    void lossCurvesPutThePerEpochValidationRmseOnASecondAxis() {
        ObjectNode o = TrialCharts.lossCurves(List.of(new EpochPoint(1, 0.9, 1.0, 40.0),
                new EpochPoint(2, 0.5, 0.6, 30.5), new EpochPoint(3, 0.4, 0.5, null)), 2, TaskScore.RMSE);
        assertThat(o.get("yAxis").isArray()).isTrue();
        assertThat(o.get("yAxis")).hasSize(2);
        JsonNode rmse = o.get("series").get(2);
        assertThat(rmse.get("name").textValue()).isEqualTo(TrialCharts.VAL_RMSE);
        assertThat(rmse.get("yAxisIndex").intValue()).isEqualTo(1);
        assertThat(rmse.get("data")).hasSize(2);
        assertThat(rmse.get("data").get(1).get(1).doubleValue()).isEqualTo(30.5);
    }

    @Test
    void optimisationHistoryOfNoFinishedTrialIsEmptyButValid() {
        ObjectNode o = ChartOptions.optimisationHistory(List.of(point(1, "RUNNING", null, 8)), List.of(),
                TaskScore.RMSE);
        assertThat(o.get("series").get(0).get("data")).isEmpty();
    }

    @Test
    void lossCurvesHaveTwoSeriesOfEpochLengthAndMarkTheBestEpoch() {
        List<EpochPoint> curve = List.of(new EpochPoint(1, 0.9, 1.0, null), new EpochPoint(2, 0.5, 0.6, null),
                new EpochPoint(3, 0.3, 0.4, null), new EpochPoint(4, 0.2, 0.45, null));
        ObjectNode o = TrialCharts.lossCurves(curve, 3, TaskScore.RMSE);

        JsonNode series = o.get("series");
        assertThat(series).hasSize(2);
        assertThat(series.get(0).get("name").textValue()).isEqualTo("train loss");
        assertThat(series.get(1).get("name").textValue()).isEqualTo("validation loss");
        assertThat(series.get(0).get("data")).hasSize(4);
        assertThat(series.get(1).get("data")).hasSize(4);
        assertThat(series.get(1).get("data").get(2).get(1).doubleValue()).isEqualTo(0.4);
        assertThat(series.get(1).get("markLine").get("data").get(0).get("xAxis").intValue()).isEqualTo(3);
        assertThat(series.get(1).get("markPoint").get("data").get(0).get("coord").get(1).doubleValue()).isEqualTo(0.4);
    }

    @Test
    void lossCurvesDrawTheValidationWindowsOneAfterAnother() {
        // window 0 trained 3 epochs, window 1 (the last) 2, its best epoch is 1
        List<EpochPoint> curve = List.of(new EpochPoint(0, 0.9, 1.0, 40.0, 0), new EpochPoint(1, 0.5, 0.6, 30.0, 0),
                new EpochPoint(2, 0.4, 0.5, 25.0, 0), new EpochPoint(0, 0.8, 0.9, 35.0, 1),
                new EpochPoint(1, 0.3, 0.2, 20.0, 1));
        ObjectNode o = TrialCharts.lossCurves(curve, 1, TaskScore.RMSE);

        JsonNode train = o.get("series").get(0);
        // x counts the epochs trained so far: window 1's epochs 0 and 1 come after window 0's three
        assertThat(train.get("data")).extracting(p -> p.get(0).intValue()).containsExactly(0, 1, 2, 3, 4);
        assertThat(o.get("series").get(2).get("data").get(4).get(1).doubleValue()).isEqualTo(20.0);
        // each window's start is a labelled vertical line
        JsonNode starts = train.get("markLine").get("data");
        assertThat(starts).extracting(d -> d.get("xAxis").intValue()).containsExactly(0, 3);
        assertThat(starts).extracting(d -> d.get("label").get("formatter").textValue())
                .containsExactly("window 1", "window 2");
        // the best epoch is the last window's, drawn at 3 + 1
        JsonNode val = o.get("series").get(1);
        assertThat(val.get("markLine").get("data").get(0).get("xAxis").intValue()).isEqualTo(4);
        assertThat(val.get("markLine").get("label").get("formatter").textValue())
                .isEqualTo("best epoch 1 of window 2");
        assertThat(val.get("markPoint").get("data").get(0).get("coord").get(1).doubleValue()).isEqualTo(0.2);
        // a curve of one window has no window lines
        assertThat(TrialCharts.lossCurves(curve.subList(0, 3), 1, TaskScore.RMSE).get("series").get(0).has("markLine")).isFalse();
    }

    @Test
    void lossCurvesWithoutBestEpochHaveNoMark() {
        ObjectNode o = TrialCharts.lossCurves(List.of(new EpochPoint(1, 0.9, 1.0, null)), null, TaskScore.RMSE);
        assertThat(o.get("series").get(1).has("markLine")).isFalse();
        assertThat(o.get("series")).hasSize(2); // old rows without a validation RMSE: one y axis
        assertThat(o.get("yAxis").isObject()).isTrue();
    }

    @Test
    void actualVsPredictedFollowsTheValidationTimes() {
        ObjectNode o = TrialCharts.actualVsPredicted(new Predictions(List.of("1959-01", "1959-02"),
                new double[] {360, 342}, new double[] {350, 349}), "Passengers");
        assertThat(o.get("xAxis").get("data")).hasSize(2);
        assertThat(o.get("series").get(0).get("data").get(1).doubleValue()).isEqualTo(342);
        assertThat(o.get("series").get(1).get("data").get(0).doubleValue()).isEqualTo(350);
    }

    @Test
    void parameterScatterAndParallelCoordinatesUseFinishedTrials() {
        ObjectNode s = ChartOptions.parameterScatter(points, Hyperparameter.UNITS, TaskScore.RMSE);
        assertThat(s.get("series").get(0).get("data")).hasSize(5);
        assertThat(ChartOptions.parameterScatter(points, Hyperparameter.LEARNING_RATE, TaskScore.RMSE).get("xAxis").get("type")
                .textValue()).isEqualTo("log");

        ObjectNode p = ChartOptions.parallelCoordinates(points, TaskScore.RMSE);
        assertThat(p.get("parallelAxis")).hasSize(Task.FORECAST.hyperparameters().size() + 1);
        assertThat(p.get("series").get(0).get("data")).hasSize(5);
        assertThat(p.get("series").get(0).get("data").get(0)).hasSize(Task.FORECAST.hyperparameters().size() + 1);
        assertThat(p.get("visualMap").get("min").doubleValue()).isEqualTo(22.0);
        assertThat(p.get("visualMap").get("max").doubleValue()).isEqualTo(40.0);
    }

    @Test
    void parallelCoordinatesOfThousandsKeepTheBestLinesOnly() {
        List<TrialPoint> many = new ArrayList<>();
        for (int i = 0; i < 1500; i++) {
            // RMSE 1500 down to 1: trial i has RMSE 1500 - i
            many.add(new TrialPoint(i, i, "COMPLETED", json("{`units`:8}"), 1500.0 - i));
        }
        ObjectNode p = ChartOptions.parallelCoordinates(many, TaskScore.RMSE);
        JsonNode data = p.get("series").get(0).get("data");
        // at most PARALLEL_MAX_LINES lines are drawn, the title says how many of how many
        assertThat(data).hasSize(ChartOptions.PARALLEL_MAX_LINES);
        assertThat(p.get("title").get("text").textValue()).contains("best 1000 of 1500");
        // they are the best ones: the worst kept RMSE is 1000, nothing above it
        double worstKept = 0;
        for (JsonNode row : data) {
            worstKept = Math.max(worstKept, row.get(row.size() - 1).doubleValue());
        }
        assertThat(worstKept).isEqualTo(1000.0);
    }

    @Test
    void aTextExperimentsChartsSayBitsPerCharacterAndHaveItsHyperparameters() {
        List<TrialPoint> text = List.of(new TrialPoint(1, 1, "COMPLETED",
                json("{`units`:128,`sequenceLength`:100,`tbpttLength`:50}"), 2.4), new TrialPoint(2, 2, "COMPLETED",
                json("{`units`:64,`sequenceLength`:50,`tbpttLength`:25}"), 2.7));
        TaskScore bits = TaskScore.BITS_PER_CHARACTER;
        ObjectNode history = ChartOptions.optimisationHistory(text, List.of(Fixtures.NGRAM), bits);
        assertThat(history.get("yAxis").get("name").textValue()).isEqualTo("validation bits/char");
        // the n-gram baseline is a reference line at its bits per character
        assertThat(history.get("series").get(2).get("markLine").get("label").get("formatter").textValue())
                .isEqualTo("character n-gram 2.577");

        ObjectNode scatter = ChartOptions.parameterScatter(text, Hyperparameter.SEQUENCE_LENGTH, bits);
        assertThat(scatter.get("title").get("text").textValue()).isEqualTo("bits/char vs sequenceLength");
        assertThat(scatter.get("series").get(0).get("data").get(0).get(0).doubleValue()).isEqualTo(100.0);

        ObjectNode parallel = ChartOptions.parallelCoordinates(text, bits);
        List<String> axes = new ArrayList<>();
        parallel.get("parallelAxis").forEach(a -> axes.add(a.get("name").textValue()));
        List<String> expected = new ArrayList<>(Task.GENERATE.keys());
        expected.add("Val bits/char");
        assertThat(axes).containsExactlyElementsOf(expected);
    }

    @Test
    void aTextTrialsLossIsCrossEntropyWithItsBitsPerCharacterOnTheSecondAxis() {
        ObjectNode o = TrialCharts.lossCurves(List.of(new EpochPoint(0, 2.1, 2.0, 2.9),
                new EpochPoint(1, 1.8, 1.7, 2.5)), 1, TaskScore.BITS_PER_CHARACTER);
        assertThat(o.get("yAxis").get(0).get("name").textValue()).isEqualTo("loss (cross-entropy, nats/char)");
        assertThat(o.get("yAxis").get(1).get("name").textValue()).isEqualTo("validation bits/char");
        assertThat(o.get("series").get(2).get("name").textValue()).isEqualTo("validation bits/char");
        assertThat(o.get("series").get(2).get("data").get(1).get(1).doubleValue()).isEqualTo(2.5);
    }
}

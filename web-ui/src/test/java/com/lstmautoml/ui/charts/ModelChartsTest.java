package com.lstmautoml.ui.charts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.lstmautoml.core.api.ApiDtos.ForecastAnswer;
import com.lstmautoml.core.api.ApiDtos.ForecastPoint;
import com.lstmautoml.core.api.ApiDtos.SeriesTail;
import com.lstmautoml.ui.fakes.FakeModels;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ModelChartsTest {

    private static final SeriesTail TAIL = new SeriesTail("Month", "Passengers", List.of("1960-10", "1960-11",
            "1960-12"), List.of(461.0, 390.0, 432.0));

    /** Two steps: both bands at step 1, only the 80 % band at step 2. */
    private static ForecastAnswer answer() {
        List<ForecastPoint> points = new ArrayList<>();
        Map<String, Double> lower1 = Map.of("80", 430.0, "95", 420.0);
        Map<String, Double> upper1 = Map.of("80", 450.0, "95", 460.0);
        Map<String, Double> lower2 = new HashMap<>(Map.of("80", 425.0));
        lower2.put("95", null);
        Map<String, Double> upper2 = new HashMap<>(Map.of("80", 455.0));
        upper2.put("95", null);
        points.add(new ForecastPoint("1961-01", 440, lower1, upper1, 20));
        points.add(new ForecastPoint("1961-02", 441, lower2, upper2, 3));
        return new ForecastAnswer("m", 1, "trial", points);
    }

    private static JsonNode series(ObjectNode o, int index) {
        return o.get("series").get(index);
    }

    @Test
    void theForecastContinuesTheHistoryWithStackedBandsThatHaveGapsWhereBoundsAreNull() {
        ObjectNode o = ModelCharts.forecast(TAIL, answer());
        assertThat(o.get("xAxis").get("data").toString())
                .isEqualTo("[\"1960-10\",\"1960-11\",\"1960-12\",\"1961-01\",\"1961-02\"]");
        assertThat(series(o, 0).get("name").asText()).isEqualTo(ModelCharts.HISTORY);
        assertThat(series(o, 0).get("data").toString()).isEqualTo("[461.0,390.0,432.0,null,null]");
        // the forecast starts at the last actual value, so the lines join
        assertThat(series(o, 1).get("data").toString()).isEqualTo("[null,null,432.0,440.0,441.0]");
        // widest band first: its lower bound, then its width stacked on it with an area
        JsonNode lower95 = series(o, 2);
        JsonNode width95 = series(o, 3);
        assertThat(lower95.get("name").asText()).isEqualTo("95 % interval");
        assertThat(lower95.get("stack").asText()).isEqualTo(width95.get("stack").asText());
        assertThat(lower95.has("areaStyle")).isFalse();
        assertThat(width95.has("areaStyle")).isTrue();
        assertThat(lower95.get("data").toString()).isEqualTo("[null,null,null,420.0,null]");
        assertThat(width95.get("data").toString()).isEqualTo("[null,null,null,40.0,null]");
        // the bands stay out of the tooltip; the bounds are there instead
        assertThat(width95.get("tooltip").get("show").asBoolean()).isFalse();
        assertThat(series(o, 5).get("name").asText()).isEqualTo("95 % upper");
        assertThat(series(o, 5).get("data").toString()).isEqualTo("[null,null,null,460.0,null]");
        JsonNode width80 = series(o, 7);
        assertThat(width80.get("name").asText()).isEqualTo("80 % interval");
        assertThat(width80.get("data").toString()).isEqualTo("[null,null,null,20.0,30.0]");
        // the legend: the lines by name, each band as a shaded square
        JsonNode legend = o.get("legend").get("data");
        assertThat(legend.toString()).startsWith("[\"history\",\"forecast\",");
        assertThat(legend.get(2).get("name").asText()).isEqualTo("95 % interval");
        assertThat(legend.get(2).get("icon").asText()).isEqualTo("rect");
        assertThat(legend.get(3).get("name").asText()).isEqualTo("80 % interval");
    }

    @Test
    void aLevelWithoutAnyBoundGetsNoBandAndATailAloneIsJustTheHistory() {
        ForecastAnswer noBounds = new ForecastAnswer("m", 1, "trial", List.of(new ForecastPoint("1961-01", 440,
                new HashMap<>(), new HashMap<>(), 0)));
        assertThat(ModelCharts.forecast(TAIL, noBounds).get("series")).hasSize(2);
        ObjectNode tailOnly = ModelCharts.forecast(TAIL, null);
        assertThat(tailOnly.get("series")).hasSize(1);
        assertThat(tailOnly.get("title").get("text").asText()).isEqualTo("Last 3 rows of Passengers");
    }

    @Test
    void theErrorPerStepHasALinePerModelAndPerBaseline() {
        ObjectNode o = ModelCharts.horizonErrors(List.of(FakeModels.evaluation("trial", 10.0, 0.8, 0.95),
                FakeModels.evaluation("refit", 8.0, 0.8, 0.95)));
        assertThat(o.get("legend").get("data").toString())
                .isEqualTo("[\"LSTM (trial)\",\"LSTM (refit)\",\"Holt-Winters\",\"seasonal naive\"]");
        assertThat(series(o, 0).get("data").toString()).isEqualTo("[[1,10.0],[2,11.0],[3,12.0]]");
        assertThat(series(o, 3).get("data").toString()).isEqualTo("[[1,50.89],[2,50.89],[3,50.89]]");
        assertThat(series(o, 3).get("lineStyle").get("type").asText()).isEqualTo("dashed");
        assertThat(ModelCharts.horizonErrors(List.of()).get("series")).isEmpty();
    }
}

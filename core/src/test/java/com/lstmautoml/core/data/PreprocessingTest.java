package com.lstmautoml.core.data;

import com.lstmautoml.core.validation.FieldError;
import com.lstmautoml.core.validation.ValidationException;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class PreprocessingTest {

    static final int ROWS = 96;
    static final SplitFractions SPLIT = new SplitFractions(0.7, 0.15);

    /** positive, trending, multiplicative-seasonal series (like AirPassengers) and a positive feature */
    static Table series() {
        double[] y = new double[ROWS];
        double[] x = new double[ROWS];
        for (int t = 0; t < ROWS; t++) {
            y[t] = (100 + 2.5 * t) * (1 + 0.2 * Math.sin(2 * Math.PI * t / 12)) + 3 * Math.cos(t * 0.7);
            x[t] = 5 + Math.cos(2 * Math.PI * t / 12) + 0.01 * t;
        }
        Map<String, double[]> cols = new LinkedHashMap<>();
        cols.put("y", y);
        cols.put("x", x);
        return new Table("t", IntStream.range(0, ROWS).mapToObj(i -> "t" + i).toList(), cols);
    }

    @Test
    void everyCombinationInvertsExactlyAndFitsOnTheTrainingSliceOnly() {
        Table table = series();
        double[] y = table.column("y");
        int lookBack = 3;
        for (Transform tr : Transform.values()) {
            for (int lag : new int[]{0, 1, 12}) {
                for (ScalerType st : ScalerType.values()) {
                    String combo = tr + "/" + lag + "/" + st;
                    Preprocessing p = Preprocessing.fit(table, List.of("y", "x"), lookBack, SPLIT, tr, lag, st);
                    List<double[]> scaled = p.scaledColumns(table);
                    // rule: transform -> difference -> scale -> inverse scale -> undifference -> inverse transform
                    // gives back every original value that has a value lag rows earlier
                    int[] rows = IntStream.range(lag, ROWS).toArray();
                    double[] s = Arrays.stream(rows).mapToDouble(r -> scaled.get(0)[r]).toArray();
                    double[] back = p.invertTarget(s, rows, y);
                    for (int i = 0; i < rows.length; i++) {
                        assertThat(back[i]).as(combo + " row " + rows[i]).isCloseTo(y[rows[i]], within(1e-9));
                    }
                    // rule: rows without a differenced value are NaN, never used: training targets start at
                    // lookBack + lag
                    for (int r = 0; r < lag; r++) {
                        assertThat(scaled.get(0)[r]).as(combo).isNaN();
                    }
                    assertThat(p.trainTargetRows().from()).isEqualTo(lookBack + lag);
                    // rule: each column's scaler equals one computed by hand on the training rows [lag, trainEnd)
                    // of the transformed, differenced values only (no validation/test leakage)
                    int trainEnd = p.rows().train().to();
                    for (String c : List.of("y", "x")) {
                        double[] raw = table.column(c);
                        double[] d = new double[trainEnd - lag];
                        for (int t = lag; t < trainEnd; t++) {
                            double z = tr == Transform.LOG ? Math.log(raw[t]) : raw[t];
                            double zPrev = lag == 0 ? 0 : tr == Transform.LOG ? Math.log(raw[t - lag]) : raw[t - lag];
                            d[t - lag] = z - zPrev;
                        }
                        Scaler expected = st == ScalerType.MIN_MAX
                                ? new MinMaxScaler(Arrays.stream(d).min().orElseThrow(),
                                Arrays.stream(d).max().orElseThrow())
                                : handStandard(d);
                        assertScalerClose(p.scalers().get(c), expected, combo + " " + c);
                    }
                    // rule: the JSON keeps transform, difference and the scalers (serving can invert)
                    Preprocessing read = Preprocessing.fromJson(p.toJson());
                    assertThat(read).isEqualTo(p);
                }
            }
        }
    }

    @Test
    void laterDataDoesNotChangeTheFit() {
        Table table = series();
        Preprocessing p = Preprocessing.fit(table, List.of("y"), 3, SPLIT, Transform.LOG, 12, ScalerType.STANDARD);
        double[] y = table.column("y").clone();
        int trainEnd = p.rows().train().to();
        for (int t = trainEnd; t < ROWS; t++) {
            y[t] *= 50; // wild validation and test values
        }
        Table changed = new Table("t", table.times(), Map.of("y", y));
        // rule: the scaler only sees the training slice
        assertThat(Preprocessing.fit(changed, List.of("y"), 3, SPLIT, Transform.LOG, 12, ScalerType.STANDARD))
                .isEqualTo(p);
    }

    @Test
    void versionOneJsonReadsAsNoTransformNoDifference() {
        String v1 = "{\"version\":1,\"target\":\"y\",\"inputColumns\":[\"y\"],\"lookBack\":3,"
                + "\"split\":{\"train\":0.7,\"validation\":0.15},\"rows\":{\"total\":96,\"train\":67,"
                + "\"validation\":14,\"test\":15},\"inputLayout\":\"NCW\","
                + "\"scalers\":{\"y\":{\"type\":\"minmax\",\"min\":1.0,\"max\":3.0}}}";
        Preprocessing p = Preprocessing.fromJson(v1);
        assertThat(p.transform()).isEqualTo(Transform.NONE);
        assertThat(p.difference()).isZero();
    }

    @Test
    void logNeedsPositiveValuesAndDifferenceNeedsRows() {
        Map<String, double[]> cols = new LinkedHashMap<>();
        cols.put("Passengers", new double[]{1, 2, 3});
        cols.put("temp", new double[]{4, 0, -1});
        List<FieldError> errors = DataRequirements.positivityProblems(cols, "searchSpace.transform");
        // rule: one error per bad column, naming the first bad row
        assertThat(errors).containsExactly(new FieldError("searchSpace.transform",
                "column temp has values <= 0 (row 1): log transform needs positive values; remove log or shift the data"));
        assertThatThrownBy(() -> DataRequirements.checkPositive(cols)).isInstanceOf(ValidationException.class);
        // rule: train rows >= lookBack + difference + 2 (144 rows: 100 train)
        assertThat(DataRequirements.problems(144, SplitFractions.DEFAULT, 86, 12, "searchSpace.lookBack")).isEmpty();
        assertThat(DataRequirements.problems(144, SplitFractions.DEFAULT, 87, 12, "searchSpace.lookBack"))
                .singleElement().satisfies(e -> assertThat(e.message()).contains("difference 12")
                        .contains("lower look_back to at most 86"));
    }

    private static Scaler handStandard(double[] d) {
        double mean = Arrays.stream(d).average().orElseThrow();
        double ss = Arrays.stream(d).map(v -> (v - mean) * (v - mean)).sum();
        return new StandardScaler(mean, Math.sqrt(ss / d.length));
    }

    private static void assertScalerClose(Scaler actual, Scaler expected, String what) {
        assertThat(actual.type()).as(what).isEqualTo(expected.type());
        for (double v : new double[]{-1, 0, 0.5, 3}) {
            assertThat(actual.transform(v)).as(what).isCloseTo(expected.transform(v), within(1e-12));
        }
    }
}

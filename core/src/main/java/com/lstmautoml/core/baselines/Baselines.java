package com.lstmautoml.core.baselines;

import com.lstmautoml.core.data.ChronoSplit;
import com.lstmautoml.core.evaluation.ForecastMetrics;
import com.lstmautoml.core.evaluation.Scores;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Scores the classical baselines (naive, seasonal naive, Holt-Winters) on a series split chronologically into
 * training rows {@code [0, trainEnd)}, validation rows {@code [trainEnd, validationEnd)} and test rows
 * {@code [validationEnd, n)}: each is fitted on the training rows only and forecasts the validation and test rows
 * one step ahead from the actual history, scored in original units with MASE scaled by the seasonal naive in-sample
 * MAE of the training rows.
 */
public final class Baselines {

    private static final List<Baseline> ALL = List.of(new NaiveBaseline(), new SeasonalNaiveBaseline(),
            new HoltWintersBaseline());

    private Baselines() {
    }

    /** The baselines' names in the order {@link #evaluate} reports them. */
    public static List<String> names() {
        return ALL.stream().map(Baseline::name).toList();
    }

    /**
     * @param seasonality the season length m, in {@code [1, trainEnd]}
     * @throws IllegalArgumentException unless {@code 1 <= m <= trainEnd < validationEnd < series.length}
     */
    public static List<BaselineScore> evaluate(double[] series, int trainEnd, int validationEnd, int seasonality) {
        if (seasonality < 1 || seasonality > trainEnd) {
            throw new IllegalArgumentException("season length must be in [1, trainEnd = " + trainEnd + "], got "
                    + seasonality);
        }
        if (validationEnd <= trainEnd || validationEnd >= series.length) {
            throw new IllegalArgumentException("need at least one validation and one test row: trainEnd "
                    + trainEnd + ", validationEnd " + validationEnd + ", rows " + series.length);
        }
        double scale = ForecastMetrics.seasonalNaiveScale(series, 0, trainEnd, seasonality);
        double[] validation = Arrays.copyOfRange(series, trainEnd, validationEnd);
        double[] test = Arrays.copyOfRange(series, validationEnd, series.length);
        List<BaselineScore> out = new ArrayList<>(ALL.size());
        for (Baseline b : ALL) {
            Baseline.Fitted fitted = b.fit(series, trainEnd, seasonality);
            out.add(new BaselineScore(b.name(), fitted.description(),
                    Scores.of(validation, fitted.oneStep(series, trainEnd, validationEnd), scale),
                    Scores.of(test, fitted.oneStep(series, validationEnd, series.length), scale)));
        }
        return out;
    }

    /**
     * The baselines scored as the trials of an experiment with several validation windows are: each fitted on every
     * window's training rows and scored on its validation rows, the validation scores the means over the windows (each
     * window's MASE scaled by its own training rows); the test scores and descriptions are the last window's, which
     * is the experiment's split ({@link #evaluate(double[], int, int, int)} on it).
     *
     * @param windows the validation windows, oldest first ({@link ChronoSplit#validationWindows}); the last one's
     *                validation rows end before the test rows
     * @throws IllegalArgumentException as {@link #evaluate(double[], int, int, int)}, for any window
     */
    public static List<BaselineScore> evaluate(double[] series, List<ChronoSplit> windows, int seasonality) {
        List<List<BaselineScore>> perWindow = new ArrayList<>(windows.size());
        for (ChronoSplit w : windows) {
            perWindow.add(evaluate(series, w.trainEnd(), w.validationEnd(), seasonality));
        }
        List<BaselineScore> last = perWindow.get(perWindow.size() - 1);
        List<BaselineScore> out = new ArrayList<>(last.size());
        for (int i = 0; i < last.size(); i++) {
            int b = i;
            out.add(new BaselineScore(last.get(i).name(), last.get(i).description(),
                    Scores.mean(perWindow.stream().map(scores -> scores.get(b).validation()).toList()),
                    last.get(i).test()));
        }
        return out;
    }
}

package com.lstmautoml.core.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.lstmautoml.core.baselines.BaselineScore;
import com.lstmautoml.core.baselines.Baselines;
import com.lstmautoml.core.data.ChronoSplit;
import com.lstmautoml.core.data.CsvParser;
import com.lstmautoml.core.data.DataRequirements;
import com.lstmautoml.core.data.Seasonality;
import com.lstmautoml.core.data.Table;
import com.lstmautoml.core.evaluation.ForecastMetrics;
import com.lstmautoml.core.evaluation.Scores;
import com.lstmautoml.core.experiment.ExperimentSpec;
import com.lstmautoml.core.search.Proposal;
import com.lstmautoml.core.search.SearchContext;
import com.lstmautoml.core.search.SearchStrategies;
import com.lstmautoml.core.search.SearchStrategy;
import com.lstmautoml.core.search.TrialRecord;
import com.lstmautoml.core.space.SearchSpace;
import com.lstmautoml.core.space.SearchSpaceParser;
import com.lstmautoml.core.space.SpaceLimits;
import com.lstmautoml.core.training.EpochListener;
import com.lstmautoml.core.training.LstmTrainer;
import com.lstmautoml.core.training.NativeThreads;
import com.lstmautoml.core.training.OneStepForecasts;
import com.lstmautoml.core.data.SplitFractions;
import com.lstmautoml.core.training.TrainingJob;
import com.lstmautoml.core.training.TrainingResult;
import com.lstmautoml.core.trial.TrialState;

import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Forecast quality of the service's default experiment, judged against the classical baselines on the same rows
 * (issue "Forecasts you can trust"). For each series it does what the service does, without the database: detect the
 * season length, fill in the series' default preprocessing, score naive, seasonal naive and Holt-Winters, run the
 * search (default: {@code tpe}, 40 trials, the default space and training settings) with one worker, "promote best"
 * (lowest validation RMSE) and score that model on the held-out test rows from its stored zip and preprocessing.
 * Prints the best validation RMSE, the promoted model's test RMSE and MASE, the baselines' figures and how many
 * trials scored worse than naive on validation. Not a test: nothing is asserted.
 *
 * <pre>mvn -B -q -pl db-migrations,core test-compile
 * OMP_NUM_THREADS=1 mvn -B -q -pl core exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=com.lstmautoml.core.bench.QualityBench \
 *   [-Dexec.args="--trials 40 --strategy tpe --datasets air,trend,ar --max-epochs 100 --min-epochs 20 --patience 10
 *   --seed 42 --space @space.json --diagnose 5"]</pre>
 * {@code --space} overrides keys of the default space (JSON, or @file); {@code --diagnose k} also scores the k best
 * trials by validation on the test rows, as a diagnosis of the bench (the service never does that).
 *
 * Series: {@code air} (AirPassengers, bundled, monthly, 144 rows), {@code trend} (a trending multiplicative monthly
 * seasonal series, 144 rows, seeded noise) and {@code ar} (an AR(1) process, phi 0.7, around a daily cycle in hourly
 * data, 336 rows). Split 70/15/15 as the service's default.
 */
public final class QualityBench {

    record Series(String name, Table table, String target) {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opt = options(args);
        String strategyName = opt.getOrDefault("strategy", "tpe");
        int trials = Integer.parseInt(opt.getOrDefault("trials", "40"));
        int maxEpochs = Integer.parseInt(opt.getOrDefault("max-epochs", "" + ExperimentSpec.DEFAULT_MAX_EPOCHS));
        int minEpochs = Integer.parseInt(opt.getOrDefault("min-epochs", "" + ExperimentSpec.DEFAULT_MIN_EPOCHS));
        int patience = Integer.parseInt(opt.getOrDefault("patience", "" + ExperimentSpec.DEFAULT_PATIENCE));
        long seed = Long.parseLong(opt.getOrDefault("seed", "" + ExperimentSpec.DEFAULT_SEED));
        // a space as JSON, or @file holding it (exec:java's argument splitting eats the JSON's double quotes)
        String spaceJson = opt.getOrDefault("space", "{}");
        if (spaceJson.startsWith("@")) {
            spaceJson = java.nio.file.Files.readString(java.nio.file.Path.of(spaceJson.substring(1))).strip();
        }
        List<String> names = List.of(opt.getOrDefault("datasets", "air,trend,ar").split(","));
        System.out.println("native threads: " + NativeThreads.configure(1));
        System.out.printf(Locale.ROOT, "%s, %d trials, maxEpochs %d, minEpochs %d, patience %d, seed %d, space %s%n",
                strategyName, trials, maxEpochs, minEpochs, patience, seed, spaceJson);
        int diagnose = Integer.parseInt(opt.getOrDefault("diagnose", "0"));
        List<String> summary = new ArrayList<>();
        for (String name : names) {
            summary.add(run(series(name.strip()), strategyName, trials, maxEpochs, minEpochs, patience, seed,
                    spaceJson, diagnose));
        }
        System.out.println();
        System.out.println("| series | m | best val RMSE | promoted test RMSE / MASE | naive val / test | seasonal naive "
                + "val / test | Holt-Winters val / test | trials worse than naive on val | seconds |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        summary.forEach(System.out::println);
    }

    private static String run(Series s, String strategyName, int trials, int maxEpochs, int minEpochs, int patience,
                              long seed, String spaceJson, int diagnose) throws Exception {
        long t0 = System.nanoTime();
        Table table = s.table();
        double[] y = table.column(s.target());
        ChronoSplit rows = ChronoSplit.of(table.rows(), SplitFractions.DEFAULT);
        Seasonality.Detected season = Seasonality.detect(table.times(), y, rows.trainEnd());
        var tree = new ObjectMapper().readTree(spaceJson);
        boolean positive = DataRequirements.positivityProblems(Map.of(s.target(), y), "t").isEmpty();
        SearchSpace space = SearchSpaceParser.parse(tree, SpaceLimits.DEFAULT, "grid".equals(strategyName))
                .withSeriesDefaults(SearchSpaceParser.omittedKeys(tree), season.period(), positive,
                        rows.train().size());
        List<BaselineScore> baselines = Baselines.evaluate(y, rows.trainEnd(), rows.validationEnd(), season.period());
        double maseScale = ForecastMetrics.seasonalNaiveScale(y, 0, rows.trainEnd(), season.period());
        System.out.printf(Locale.ROOT, "%n## %s: %d rows, season %d (%s), space %s%n", s.name(), table.rows(),
                season.period(), season.source(), space.toJson());
        for (BaselineScore b : baselines) {
            System.out.printf(Locale.ROOT, "baseline %-15s val RMSE %8.2f  test RMSE %8.2f  test MASE %.3f  (%s)%n",
                    b.name(), b.validation().rmse(), b.test().rmse(), b.test().mase(), b.description());
        }
        SearchStrategy strategy = SearchStrategies.forName(strategyName);
        LstmTrainer trainer = new LstmTrainer();
        List<TrialRecord> history = new ArrayList<>();
        TrainingResult best = null;
        List<TrainingResult> results = new ArrayList<>();
        int worseThanNaive = 0;
        long epochs = 0;
        double naiveVal = baselines.get(0).validation().rmse();
        for (int k = 0; k < trials; k++) {
            var proposal = strategy.propose(new SearchContext(space, 1, seed, history, trials));
            if (proposal.isEmpty()) {
                break;
            }
            Proposal p = proposal.get();
            TrainingResult r = trainer.train(new TrainingJob(table, s.target(), List.of(), p.params(),
                    p.modelConfigJson(), SplitFractions.DEFAULT, maxEpochs, minEpochs, patience, seed),
                    EpochListener.NONE);
            boolean ok = Double.isFinite(r.valRmse());
            history.add(new TrialRecord(k, p.params(), ok ? TrialState.COMPLETED : TrialState.FAILED,
                    ok ? r.valRmse() : null, r.epochsRun()));
            epochs += r.epochsRun();
            if (ok) {
                results.add(r);
            }
            if (!ok || r.valRmse() > naiveVal) {
                worseThanNaive++;
            }
            if (ok && (best == null || r.valRmse() < best.valRmse())) {
                best = r;
            }
            System.out.printf(Locale.ROOT, "trial %2d  val RMSE %8.2f  epochs %3d (best %3d, %s)  %s%n", k,
                    r.valRmse(), r.epochsRun(), r.bestEpoch(), r.stopReason(), p.params());
        }
        if (best == null) {
            return "| " + s.name() + " | no completed trial |";
        }
        OneStepForecasts.Forecast test = OneStepForecasts.forRows(best.modelZip(), best.preprocessingJson(), table,
                rows.test());
        Scores testScores = Scores.of(test.actual(), test.predicted(), maseScale);
        if (diagnose > 0) {
            // diagnosis of the bench only (the service scores the test rows of a promoted model alone): how well
            // the validation ranking's top trials do on the test rows
            results.sort(java.util.Comparator.comparingDouble(TrainingResult::valRmse));
            for (TrainingResult r : results.subList(0, Math.min(diagnose, results.size()))) {
                OneStepForecasts.Forecast f = OneStepForecasts.forRows(r.modelZip(), r.preprocessingJson(), table,
                        rows.test());
                System.out.printf(Locale.ROOT, "diagnosis: val RMSE %8.2f -> test RMSE %8.2f  %s%n", r.valRmse(),
                        ForecastMetrics.rmse(f.actual(), f.predicted()), r.preprocessingJson()
                                .replaceAll(".*\"transform\":(\"\\w+\"),\"difference\":(\\d+).*", "$1 $2"));
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "%s: best val RMSE %.2f; promoted test RMSE %.2f, MAE %.2f, MASE %.3f, "
                        + "sMAPE %.2f%%; %d of %d trials worse than naive on validation; %d epochs in %.0f s%n",
                s.name(), best.valRmse(), testScores.rmse(), testScores.mae(), testScores.mase(), testScores.smape(),
                worseThanNaive, history.size(), epochs, seconds);
        BaselineScore naive = baselines.get(0);
        BaselineScore sn = baselines.get(1);
        BaselineScore hw = baselines.get(2);
        return String.format(Locale.ROOT, "| %s | %d | %.2f | %.2f / %.3f | %.2f / %.2f | %.2f / %.2f | %.2f / %.2f "
                        + "| %d of %d | %.0f |", s.name(), season.period(), best.valRmse(), testScores.rmse(),
                testScores.mase(), naive.validation().rmse(), naive.test().rmse(), sn.validation().rmse(),
                sn.test().rmse(), hw.validation().rmse(), hw.test().rmse(), worseThanNaive, history.size(), seconds);
    }

    static Series series(String name) throws Exception {
        return switch (name) {
            case "air" -> {
                try (var r = new InputStreamReader(QualityBench.class.getResourceAsStream(
                        "/datasets/airline-passengers.csv"), StandardCharsets.UTF_8)) {
                    yield new Series("air", new CsvParser().parse(r), "Passengers");
                }
            }
            case "trend" -> trend();
            case "ar" -> ar();
            default -> throw new IllegalArgumentException("unknown series " + name + ": use air, trend, ar");
        };
    }

    /** 144 months: level 100 rising 2 a month, a ±25 % multiplicative season of 12, 3 % multiplicative noise. */
    static Series trend() {
        Random rnd = new Random(7);
        List<String> times = new ArrayList<>();
        double[] y = new double[144];
        LocalDate start = LocalDate.of(2000, 1, 1);
        for (int t = 0; t < y.length; t++) {
            times.add(start.plusMonths(t).format(DateTimeFormatter.ofPattern("yyyy-MM")));
            y[t] = (100 + 2 * t) * (1 + 0.25 * Math.sin(2 * Math.PI * t / 12)) * (1 + 0.03 * rnd.nextGaussian());
        }
        return new Series("trend", new Table("month", times, Map.of("y", y)), "y");
    }

    /** 336 hours: 50 + a daily cycle of amplitude 10 + an AR(1) process (phi 0.7, innovations sd 2). */
    static Series ar() {
        Random rnd = new Random(11);
        List<String> times = new ArrayList<>();
        double[] y = new double[336];
        LocalDateTime start = LocalDateTime.of(2024, 1, 1, 0, 0);
        double x = 0;
        for (int t = 0; t < y.length; t++) {
            times.add(start.plusHours(t).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")));
            x = 0.7 * x + 2 * rnd.nextGaussian();
            y[t] = 50 + 10 * Math.sin(2 * Math.PI * t / 24) + x;
        }
        return new Series("ar", new Table("hour", times, Map.of("y", y)), "y");
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> opt = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --name value pairs, got " + args[i]);
            }
            opt.put(args[i].substring(2), args[i + 1]);
        }
        return opt;
    }
}

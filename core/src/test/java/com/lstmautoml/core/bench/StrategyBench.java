package com.lstmautoml.core.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.lstmautoml.core.data.CsvParser;
import com.lstmautoml.core.data.Table;
import com.lstmautoml.core.experiment.ExperimentSpec;
import com.lstmautoml.core.pruners.IntermediateValues;
import com.lstmautoml.core.pruners.Pruner;
import com.lstmautoml.core.pruners.Pruners;
import com.lstmautoml.core.search.Proposal;
import com.lstmautoml.core.search.SearchContext;
import com.lstmautoml.core.search.SearchStrategies;
import com.lstmautoml.core.search.SearchStrategy;
import com.lstmautoml.core.search.TrialRecord;
import com.lstmautoml.core.space.SearchSpace;
import com.lstmautoml.core.space.SearchSpaceParser;
import com.lstmautoml.core.space.SpaceLimits;
import com.lstmautoml.core.training.EpochVerdict;
import com.lstmautoml.core.training.LstmTrainer;
import com.lstmautoml.core.training.NativeThreads;
import com.lstmautoml.core.training.SplitFractions;
import com.lstmautoml.core.training.StopReason;
import com.lstmautoml.core.training.TrainingJob;
import com.lstmautoml.core.training.TrainingResult;
import com.lstmautoml.core.trial.TrialState;

import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Does TPE beat random search, and do the pruners save epochs without losing accuracy? Runs whole searches in-process
 * (strategy → DL4J training → history, one worker, as {@link SearchBench}) and prints tables; asserts nothing.
 *
 * <pre>OMP_NUM_THREADS=1 mvn -B -q -pl core exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=com.lstmautoml.core.bench.StrategyBench \
 *   [-Dexec.args="--trials 40 --seeds 5 --max-epochs 30 --patience 5 --datasets air,synth144,synth240"]</pre>
 * (after {@code mvn -B -q -pl db-migrations,core test-compile}).
 *
 * <p>Options (defaults are the QUICK configuration, about 10 minutes on 2 cores):
 * <ul>
 * <li>{@code --trials N} (20) trials per search; {@code --seeds S} (3) seeds 42, 43, ...;
 *     {@code --max-epochs E} (20); {@code --patience P} (5);</li>
 * <li>{@code --datasets a,b} (air,synth144,synth240): AirPassengers (bundled) and two synthetic monthly-like series
 *     generated here with a fixed data seed (trend + seasonality + Gaussian noise);</li>
 * <li>{@code --space JSON} (the default space with units 8..32 step 8 and batchSize 32, so epochs take ~10-40 ms;
 *     {@code --space {}} is the service's default space).</li>
 * </ul>
 *
 * <p><b>Strategies</b>: for each dataset and seed, {@code random} and {@code tpe} run N trials sequentially (nothing
 * pending), no pruner. Reported: best validation RMSE after 10, 20, 40 and N trials (those ≤ N), and the number of
 * trials each needs to reach random's best-of-N ("—" if never). Target: TPE reaches random's best-of-40 within 20
 * trials (with N ≠ 40: random's best-of-N within N/2), median over seeds.
 *
 * <p><b>Pruners</b>: for each dataset and seed, {@code random} with pruner {@code none} (the random run above: the
 * k-th random proposal depends only on seed and k), {@code median} and {@code asha}. The database's view is simulated
 * as {@code TrialQueue.reportEpoch} sees it: every trial's reported epoch losses are kept (pruned and failed trials
 * included); when the pruner {@link Pruner#decidesAt decides at} an epoch it gets the trial's validation RMSE, its best
 * so far, and {@link IntermediateValues} of its {@link Pruner#peers() peers}' RMSEs at that epoch (COMPLETED trials
 * for the median, every trial for ASHA) and the number of COMPLETED trials
 * ({@code TrialQueue.PRUNE_VALUES_SQL}); PRUNE stops training. Reported: epochs trained, best validation RMSE of the
 * search (COMPLETED and PRUNED trials, as the strategies rank them), and both as % of {@code none}. Target: ASHA
 * trains at most 40% of the epochs of none at a best RMSE at most 5% worse (median over seeds of the ratios).
 */
public final class StrategyBench {

    private static final String QUICK_SPACE =
            "{\"units\":{\"type\":\"int\",\"min\":8,\"max\":32,\"step\":8},\"batchSize\":{\"type\":\"choice\",\"values\":[32]}}";
    private static final String DASH = "—";

    record Dataset(String name, Table table, String target) {
    }

    /** One trial's outcome: RMSE (null when failed), state, epochs trained, the epoch losses it reported. */
    record Trial(Double valRmse, TrialState state, int epochs, double[] losses) {
    }

    /** One whole search. */
    record Run(List<Trial> trials, double seconds) {

        /** Best RMSE over the first k trials (COMPLETED and PRUNED), +inf if none. */
        double bestAfter(int k) {
            double best = Double.POSITIVE_INFINITY;
            for (int i = 0; i < Math.min(k, trials.size()); i++) {
                Double r = trials.get(i).valRmse;
                if (r != null && !r.isNaN()) {
                    best = Math.min(best, r);
                }
            }
            return best;
        }

        /** 1-based number of trials after which the best RMSE is ≤ target, or -1. */
        int trialsToReach(double target) {
            for (int k = 1; k <= trials.size(); k++) {
                if (bestAfter(k) <= target) {
                    return k;
                }
            }
            return -1;
        }

        long epochs() {
            return trials.stream().mapToLong(Trial::epochs).sum();
        }

        long count(TrialState s) {
            return trials.stream().filter(t -> t.state == s).count();
        }
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opt = options(args);
        int trials = Integer.parseInt(opt.getOrDefault("trials", "20"));
        int seeds = Integer.parseInt(opt.getOrDefault("seeds", "3"));
        int maxEpochs = Integer.parseInt(opt.getOrDefault("max-epochs", "20"));
        int patience = Integer.parseInt(opt.getOrDefault("patience", "5"));
        String spaceJson = opt.getOrDefault("space", QUICK_SPACE);
        List<String> datasetNames = List.of(opt.getOrDefault("datasets", "air,synth144,synth240").split(","));

        String threads = NativeThreads.configure(1).toString();
        SearchSpace space = SearchSpaceParser.parse(new ObjectMapper().readTree(spaceJson), SpaceLimits.DEFAULT, false);
        List<Dataset> datasets = new ArrayList<>();
        for (String n : datasetNames) {
            datasets.add(dataset(n.trim()));
        }
        int[] checkpoints = Arrays.stream(new int[] {10, 20, 40, trials}).filter(k -> k <= trials).distinct().sorted()
                .toArray();
        int tpeWithin = trials == 40 ? 20 : trials / 2;
        String config = String.format(Locale.ROOT, "trials %d, seeds %d (%d..%d), maxEpochs %d, patience %d, one worker, "
                        + "split %s, space %s%nnative threads: %s, OMP_NUM_THREADS=%s", trials, seeds,
                ExperimentSpec.DEFAULT_SEED, ExperimentSpec.DEFAULT_SEED + seeds - 1, maxEpochs, patience,
                SplitFractions.DEFAULT, spaceJson, threads, System.getenv("OMP_NUM_THREADS"));
        System.out.println("StrategyBench: " + config);

        StringBuilder report = new StringBuilder();
        report.append("## StrategyBench — ").append(config).append("\n");
        long t0 = System.nanoTime();
        for (Dataset ds : datasets) {
            Map<String, List<Run>> runs = new LinkedHashMap<>();
            for (String key : List.of("random", "tpe", "median", "asha")) {
                runs.put(key, new ArrayList<>());
            }
            for (int s = 0; s < seeds; s++) {
                long seed = ExperimentSpec.DEFAULT_SEED + s;
                runs.get("random").add(progress(ds, "random/none", seed,
                        run(ds, space, "random", "none", trials, maxEpochs, patience, seed)));
                runs.get("tpe").add(progress(ds, "tpe/none", seed,
                        run(ds, space, "tpe", "none", trials, maxEpochs, patience, seed)));
                runs.get("median").add(progress(ds, "random/median", seed,
                        run(ds, space, "random", "median", trials, maxEpochs, patience, seed)));
                runs.get("asha").add(progress(ds, "random/asha", seed,
                        run(ds, space, "random", "asha", trials, maxEpochs, patience, seed)));
            }
            String table = tables(ds, runs, seeds, trials, checkpoints, tpeWithin);
            System.out.print(table);
            report.append(table);
        }
        report.append(String.format(Locale.ROOT, "total wall time %.0f s%n", (System.nanoTime() - t0) / 1e9));
        System.out.println();
        System.out.print(report);
    }

    private static Run progress(Dataset ds, String what, long seed, Run r) {
        System.out.printf(Locale.ROOT, "  %-9s %-13s seed %d: best %8.3f, %4d epochs, %2d pruned, %2d failed, %5.1f s%n",
                ds.name, what, seed, r.bestAfter(r.trials.size()), r.epochs(), r.count(TrialState.PRUNED),
                r.count(TrialState.FAILED), r.seconds);
        return r;
    }

    /** One search of {@code trials} sequential trials, the pruner asked as the queue asks it at each epoch report. */
    static Run run(Dataset ds, SearchSpace space, String strategyName, String prunerName, int trials, int maxEpochs,
                   int patience, long seed) {
        SearchStrategy strategy = SearchStrategies.forName(strategyName);
        Pruner pruner = Pruners.forName(prunerName);
        LstmTrainer trainer = new LstmTrainer();
        List<TrialRecord> history = new ArrayList<>();
        List<Trial> done = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int k = 0; k < trials; k++) {
            var proposal = strategy.propose(new SearchContext(space, 1, seed, history, trials));
            if (proposal.isEmpty()) {
                break;
            }
            Proposal p = proposal.get();
            List<Double> losses = new ArrayList<>();
            int completed = (int) done.stream().filter(t -> t.state == TrialState.COMPLETED).count();
            TrainingResult r = trainer.train(new TrainingJob(ds.table, ds.target, List.of(), p.params(),
                    p.modelConfigJson(), SplitFractions.DEFAULT, maxEpochs, 1, patience, seed), (epoch, trainLoss, valLoss, valRmse) -> {
                losses.add(valRmse); // the trial_epoch upsert precedes the pruning query
                if (!pruner.decidesAt(epoch)) {
                    return EpochVerdict.CONTINUE;
                }
                double best = losses.stream().mapToDouble(Double::doubleValue).min().orElse(valRmse);
                double[] others = done.stream().filter(t -> t.losses.length > epoch)
                        .filter(t -> pruner.peers() == Pruner.Peers.EVERY_TRIAL || t.state == TrialState.COMPLETED)
                        .mapToDouble(t -> t.losses[epoch]).toArray();
                return pruner.shouldPrune(epoch, valRmse, best, new IntermediateValues(completed, others))
                        ? EpochVerdict.PRUNE : EpochVerdict.CONTINUE;
            });
            TrialState state = state(r.stopReason());
            Double rmse = state == TrialState.FAILED ? null : r.valRmse();
            done.add(new Trial(rmse, state, r.epochsRun(), losses.stream().mapToDouble(Double::doubleValue).toArray()));
            history.add(new TrialRecord(k, p.params(), state, rmse));
        }
        return new Run(done, (System.nanoTime() - t0) / 1e9);
    }

    /** As {@code TrialQueue.complete} maps stop reasons to states. */
    private static TrialState state(StopReason reason) {
        return switch (reason) {
            case PATIENCE, MAX_EPOCHS -> TrialState.COMPLETED;
            case PRUNED -> TrialState.PRUNED;
            case CANCELLED, LEASE_LOST -> TrialState.CANCELLED;
            default -> TrialState.FAILED;
        };
    }

    // ---------------------------------------------------------------------------------------------------- tables

    private static String tables(Dataset ds, Map<String, List<Run>> runs, int seeds, int trials, int[] checkpoints,
                                 int tpeWithin) {
        StringBuilder b = new StringBuilder();
        List<Run> rnd = runs.get("random");
        List<Run> tpe = runs.get("tpe");
        b.append(String.format(Locale.ROOT, "%n### %s (%d rows) — random vs tpe: best valRmse after k trials; trials "
                + "to reach random's best-of-%d%n", ds.name, ds.table.rows(), trials));
        StringBuilder head = new StringBuilder("| seed |");
        StringBuilder rule = new StringBuilder("|---|");
        for (String s : List.of("random", "tpe")) {
            for (int c : checkpoints) {
                head.append(' ').append(s).append(" @").append(c).append(" |");
                rule.append("---:|");
            }
        }
        head.append(" random reaches it | tpe reaches it | s random / tpe |");
        rule.append("---:|---:|---:|");
        b.append(head).append('\n').append(rule).append('\n');
        List<Integer> rndReach = new ArrayList<>();
        List<Integer> tpeReach = new ArrayList<>();
        List<List<Double>> cols = new ArrayList<>();
        for (int i = 0; i < 2 * checkpoints.length; i++) {
            cols.add(new ArrayList<>());
        }
        for (int s = 0; s < seeds; s++) {
            double target = rnd.get(s).bestAfter(trials);
            StringBuilder row = new StringBuilder("| " + (ExperimentSpec.DEFAULT_SEED + s) + " |");
            int col = 0;
            for (Run r : List.of(rnd.get(s), tpe.get(s))) {
                for (int c : checkpoints) {
                    double v = r.bestAfter(c);
                    cols.get(col++).add(v);
                    row.append(' ').append(fmt(v)).append(" |");
                }
            }
            int a = rnd.get(s).trialsToReach(target);
            int t = tpe.get(s).trialsToReach(target);
            rndReach.add(a);
            tpeReach.add(t);
            row.append(' ').append(reach(a)).append(" | ").append(reach(t)).append(" | ")
                    .append(String.format(Locale.ROOT, "%.0f / %.0f", rnd.get(s).seconds, tpe.get(s).seconds))
                    .append(" |");
            b.append(row).append('\n');
        }
        StringBuilder med = new StringBuilder("| **median** |");
        for (List<Double> c : cols) {
            med.append(' ').append(fmt(median(c))).append(" |");
        }
        int tpeMedian = medianReach(tpeReach, trials);
        med.append(' ').append(reach(medianReach(rndReach, trials))).append(" | ").append(reach(tpeMedian))
                .append(" | |");
        b.append(med).append('\n');
        boolean met = tpeMedian > 0 && tpeMedian <= tpeWithin;
        b.append(String.format(Locale.ROOT, "%nTarget: TPE reaches random's best-of-%d within %d trials (median over "
                + "seeds): **%s** (median %s)%n", trials, tpeWithin, met ? "met" : "not met", reach(tpeMedian)));

        b.append(String.format(Locale.ROOT, "%n### %s — pruners on random search: epochs trained, best valRmse "
                + "(COMPLETED and PRUNED trials), pruned trials%n", ds.name));
        b.append("| seed | none epochs | none best | median epochs | median best | median pruned | asha epochs "
                + "| asha best | asha pruned |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        Map<String, List<Double>> epochRatio = new LinkedHashMap<>();
        Map<String, List<Double>> rmseRatio = new LinkedHashMap<>();
        Map<String, long[]> totalEpochs = new LinkedHashMap<>();
        for (String p : List.of("median", "asha")) {
            epochRatio.put(p, new ArrayList<>());
            rmseRatio.put(p, new ArrayList<>());
            totalEpochs.put(p, new long[1]);
        }
        long noneTotal = 0;
        for (int s = 0; s < seeds; s++) {
            Run none = rnd.get(s);
            noneTotal += none.epochs();
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "| %d | %d | %s |",
                    ExperimentSpec.DEFAULT_SEED + s, none.epochs(), fmt(none.bestAfter(trials))));
            for (String p : List.of("median", "asha")) {
                Run r = runs.get(p).get(s);
                totalEpochs.get(p)[0] += r.epochs();
                epochRatio.get(p).add((double) r.epochs() / none.epochs());
                rmseRatio.get(p).add(r.bestAfter(trials) / none.bestAfter(trials));
                row.append(String.format(Locale.ROOT, " %d (%.0f%%) | %s (%+.1f%%) | %d |", r.epochs(),
                        100.0 * r.epochs() / none.epochs(), fmt(r.bestAfter(trials)),
                        100.0 * (r.bestAfter(trials) / none.bestAfter(trials) - 1), r.count(TrialState.PRUNED)));
            }
            b.append(row).append('\n');
        }
        b.append("\nMedian over seeds of the per-seed ratios vs none (total epochs over all seeds in brackets):\n\n");
        b.append("| pruner | epochs % of none | best valRmse % of none |\n|---|---:|---:|\n");
        for (String p : List.of("median", "asha")) {
            b.append(String.format(Locale.ROOT, "| %s | %.0f%% (%d / %d) | %.1f%% |%n", p,
                    100 * median(epochRatio.get(p)), totalEpochs.get(p)[0], noneTotal, 100 * median(rmseRatio.get(p))));
        }
        double ashaEpochs = median(epochRatio.get("asha"));
        double ashaRmse = median(rmseRatio.get("asha"));
        b.append(String.format(Locale.ROOT, "%nTarget: ASHA ≤ 40%% of none's epochs at a best valRmse ≤ 105%% of "
                + "none's: **%s** (%.0f%% of the epochs, %.1f%% of the RMSE)%n",
                ashaEpochs <= 0.40 && ashaRmse <= 1.05 ? "met" : "not met", 100 * ashaEpochs, 100 * ashaRmse));
        b.append(String.format(Locale.ROOT, "Determinism check (unpruned trials of median/asha runs whose RMSE equals "
                + "the none run's): %s%n", determinism(rnd, runs.get("median"), runs.get("asha"))));
        return b.toString();
    }

    /** Training is seeded, so a trial the pruner left alone should end exactly as in the none run. */
    private static String determinism(List<Run> none, List<Run> median, List<Run> asha) {
        int same = 0;
        int total = 0;
        for (List<Run> pruned : List.of(median, asha)) {
            for (int s = 0; s < none.size(); s++) {
                List<Trial> a = none.get(s).trials;
                List<Trial> b = pruned.get(s).trials;
                for (int k = 0; k < Math.min(a.size(), b.size()); k++) {
                    if (b.get(k).state != TrialState.PRUNED) {
                        total++;
                        if (java.util.Objects.equals(a.get(k).valRmse, b.get(k).valRmse)) {
                            same++;
                        }
                    }
                }
            }
        }
        return same + " of " + total;
    }

    private static String fmt(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.2f", v) : DASH;
    }

    private static String reach(int k) {
        return k > 0 ? Integer.toString(k) : DASH;
    }

    private static double median(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = v.length;
        return n == 0 ? Double.NaN : n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }

    /** Median of trial counts where "never" (-1) ranks above every count; -1 when the median falls on "never". */
    private static int medianReach(List<Integer> reach, int trials) {
        List<Double> v = reach.stream().map(k -> k > 0 ? (double) k : Double.POSITIVE_INFINITY).toList();
        double m = median(v);
        return Double.isFinite(m) ? (int) Math.ceil(m) : -1;
    }

    // ---------------------------------------------------------------------------------------------------- data

    static Dataset dataset(String name) throws Exception {
        return switch (name) {
            case "air" -> {
                try (var r = new InputStreamReader(StrategyBench.class.getResourceAsStream(
                        "/datasets/airline-passengers.csv"), StandardCharsets.UTF_8)) {
                    yield new Dataset("AirPassengers", new CsvParser().parse(r), "Passengers");
                }
            }
            // 12 years monthly: strong trend, yearly season growing with the level, noise sd 6
            case "synth144" -> synthetic("synth144", 144, 12, 100, 1.5, 20, 0.1, 6, 7);
            // 20 years: weak trend, 6-month season of fixed amplitude, noise sd 4
            case "synth240" -> synthetic("synth240", 240, 6, 50, 0.4, 12, 0, 4, 11);
            default -> throw new IllegalArgumentException("unknown dataset '" + name + "': air, synth144, synth240");
        };
    }

    /** y(t) = level + trend·t + (amplitude + growth·t)·sin(2πt/period) + N(0, noise²), monthly labels from 2000-01. */
    static Dataset synthetic(String name, int n, int period, double level, double trend, double amplitude,
                             double growth, double noise, long dataSeed) {
        Random rng = new Random(dataSeed);
        List<String> times = new ArrayList<>();
        double[] y = new double[n];
        for (int t = 0; t < n; t++) {
            times.add(String.format(Locale.ROOT, "%04d-%02d", 2000 + t / 12, t % 12 + 1));
            y[t] = level + trend * t + (amplitude + growth * t) * Math.sin(2 * Math.PI * t / period)
                    + noise * rng.nextGaussian();
        }
        return new Dataset(name, new Table("Month", times, Map.of("y", y)), "y");
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> opt = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --name value pairs, got " + Arrays.toString(args));
            }
            opt.put(args[i].substring(2), args[++i]);
        }
        return opt;
    }
}

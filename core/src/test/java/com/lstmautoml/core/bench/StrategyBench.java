package com.lstmautoml.core.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.lstmautoml.core.baselines.BaselineScore;
import com.lstmautoml.core.baselines.Baselines;
import com.lstmautoml.core.data.ChronoSplit;
import com.lstmautoml.core.data.Seasonality;
import com.lstmautoml.core.evaluation.ForecastMetrics;
import com.lstmautoml.core.training.OneStepForecasts;
import org.apache.commons.math3.stat.correlation.SpearmansCorrelation;
import org.apache.commons.math3.stat.descriptive.moment.StandardDeviation;
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
import com.lstmautoml.core.data.SplitFractions;
import com.lstmautoml.core.training.StopReason;
import com.lstmautoml.core.training.TrainingJob;
import com.lstmautoml.core.training.TrainingResult;
import com.lstmautoml.core.trial.TrialState;

import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Does TPE beat random search, do the pruners save epochs without losing accuracy, and do validation windows rank
 * trials more like the test slice does? Runs whole searches in-process (strategy → DL4J training → history, one worker,
 * as {@link SearchBench}) and prints tables; asserts nothing.
 *
 * <pre>OMP_NUM_THREADS=1 mvn -B -q -pl core exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=com.lstmautoml.core.bench.StrategyBench \
 *   [-Dexec.args="--datasets air --runs random,tpe --seeds 5 --cache target/strategy-bench-cache"]</pre>
 * (after {@code mvn -B -q -pl db-migrations,core test-compile}).
 *
 * <p>Options (the defaults are the configuration the README reports; about 2 CPU-hours in all):
 * <ul>
 * <li>{@code --trials N} (40) trials per search; {@code --seeds S} (5) seeds from {@code --first-seed} (42);
 *     {@code --max-epochs E} (30); {@code --min-epochs M} (10); {@code --patience P} (5);</li>
 * <li>{@code --datasets a,b} (air,synth144,synth240): AirPassengers (bundled) and two synthetic monthly-like series
 *     generated here with a fixed data seed (trend + seasonality + Gaussian noise);</li>
 * <li>{@code --space JSON} ({@code {}}: the service's default space; the preprocessing keys it leaves out take the
 *     series' defaults as the service gives them, so transform, differencing (with the seasonal lag) and scaler are
 *     searched; {@code --space quick} is the old small space, units 8..32 step 8, batch 32);</li>
 * <li>{@code --runs} (random,tpe,tpe-mv,median,asha,windows): which searches to run; {@code --windows K} (3) the
 *     validation windows of the {@code windows} run;</li>
 * <li>{@code --cache DIR} (target/strategy-bench-cache): each finished search is stored there as JSON and reused by
 *     a later invocation with the same dataset, seed, configuration and space, after checking that the strategy
 *     still proposes exactly the cached params from the cached history. So the runs can be split across processes
 *     (one per core, e.g. by {@code --datasets} or {@code --runs}) and a last invocation prints every table.</li>
 * </ul>
 *
 * <p><b>Strategies</b>: {@code random}, {@code tpe} (univariate) and {@code tpe-mv} ({@code tpeMultivariate}) run N
 * trials sequentially (nothing pending), no pruner. Reported: best validation RMSE after 10, 20, 40 and N trials,
 * ranked as the service ranks (COMPLETED trials before PRUNED ones), and the number of trials each needs to reach
 * random's best-of-N ("—" if never). Target: TPE reaches random's best-of-40 within 20 trials (with N ≠ 40: random's
 * best-of-N within N/2), median over seeds.
 *
 * <p><b>Pruners</b>: {@code random} with pruner {@code none} (the random run above: the k-th random proposal depends
 * only on seed and k), {@code median} and {@code asha} with their default settings. The queue's view is simulated as
 * {@code TrialQueue.reportEpoch} sees it: when the pruner {@link Pruner#decidesAt decides at} an epoch it gets the
 * trial's validation RMSE (series' units), its best so far, and the other trials' RMSEs at that epoch (COMPLETED
 * trials only for the median pruner, every trial that reported there for ASHA); PRUNE stops training. Reported:
 * epochs trained, the best validation RMSE, and both as % of {@code none}. Target: ASHA trains at most 40% of the
 * epochs of none at a best RMSE at most 5% worse (median over seeds of the ratios).
 *
 * <p><b>Validation windows</b>: random search with {@code validationWindows = K}. Each completed trial's model is
 * also scored on the test rows (one step ahead), for this table only: nothing in any search sees a test value.
 * Reported per seed: Spearman's rank correlation between validation RMSE and test RMSE over the completed trials,
 * with 1 window (the random run) and with K, and the median spread (sd) of a trial's window RMSEs. Target: higher with
 * K than with 1.
 *
 * <p>Every dataset's header gives the baselines' one-step RMSEs on the same validation and test rows.
 */
public final class StrategyBench {

    private static final String QUICK_SPACE =
            "{\"units\":{\"type\":\"int\",\"min\":8,\"max\":32,\"step\":8},\"batchSize\":{\"type\":\"choice\",\"values\":[32]}}";
    private static final String DASH = "—";

    record Dataset(String name, Table table, String target) {
    }

    /**
     * One trial's outcome: its params (as text), validation RMSE (null when failed; the mean over windows), state,
     * epochs trained (all windows), the validation RMSE it reported at each epoch (of the window the pruner judged),
     * its test RMSE (COMPLETED trials; the bench's rank correlation only) and each window's validation RMSE.
     */
    record Trial(String params, Double valRmse, TrialState state, int epochs, double[] rmses, Double testRmse,
                 double[] windowRmses) {
    }

    /** One whole search. */
    record Run(List<Trial> trials, double seconds) {

        /**
         * The best validation RMSE over the first k trials as the service ranks them: the best COMPLETED trial's; the
         * best PRUNED one's only while none completed; +inf if none has a value.
         */
        double bestAfter(int k) {
            double completed = Double.POSITIVE_INFINITY;
            double pruned = Double.POSITIVE_INFINITY;
            for (int i = 0; i < Math.min(k, trials.size()); i++) {
                Trial t = trials.get(i);
                if (t.valRmse != null && !t.valRmse.isNaN()) {
                    if (t.state == TrialState.COMPLETED) {
                        completed = Math.min(completed, t.valRmse);
                    } else if (t.state == TrialState.PRUNED) {
                        pruned = Math.min(pruned, t.valRmse);
                    }
                }
            }
            return Double.isFinite(completed) ? completed : pruned;
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

    /**
     * One configuration of a search: strategy, pruner (with settings), validation windows.
     *
     * @param key the name in the tables and the cache
     */
    record Variant(String key, String strategy, boolean tpeMultivariate, PrunerSpec pruner, int windows) {
    }

    /** The bench's configuration. */
    record Config(int trials, int maxEpochs, int patience, int minEpochs, String spaceJson, int windows) {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opt = options(args);
        int trials = Integer.parseInt(opt.getOrDefault("trials", "40"));
        int seeds = Integer.parseInt(opt.getOrDefault("seeds", "5"));
        long firstSeed = Long.parseLong(opt.getOrDefault("first-seed", Long.toString(ExperimentSpec.DEFAULT_SEED)));
        int maxEpochs = Integer.parseInt(opt.getOrDefault("max-epochs", "30"));
        int patience = Integer.parseInt(opt.getOrDefault("patience", "5"));
        int minEpochs = Integer.parseInt(opt.getOrDefault("min-epochs", "10"));
        int windows = Integer.parseInt(opt.getOrDefault("windows", "3"));
        String spaceJson = opt.getOrDefault("space", "{}");
        if (spaceJson.equals("quick")) {
            spaceJson = QUICK_SPACE;
        }
        List<String> datasetNames = List.of(opt.getOrDefault("datasets", "air,synth144,synth240").split(","));
        List<String> runKeys = List.of(opt.getOrDefault("runs", "random,tpe,tpe-mv,median,asha,windows").split(","));
        Path cache = Path.of(opt.getOrDefault("cache", "target/strategy-bench-cache"));
        Files.createDirectories(cache);

        String threads = NativeThreads.configure(1).toString();
        Config cfg = new Config(trials, maxEpochs, patience, minEpochs, spaceJson, windows);
        Map<String, Variant> variants = new LinkedHashMap<>();
        variants.put("random", new Variant("random", "random", false, PrunerSpec.NONE, 1));
        variants.put("tpe", new Variant("tpe", "tpe", false, PrunerSpec.NONE, 1));
        variants.put("tpe-mv", new Variant("tpe-mv", "tpe", true, PrunerSpec.NONE, 1));
        variants.put("median", new Variant("median", "random", false, PrunerSpec.defaults("median"), 1));
        variants.put("asha", new Variant("asha", "random", false, PrunerSpec.defaults("asha"), 1));
        variants.put("windows", new Variant("random-w" + windows, "random", false, PrunerSpec.NONE, windows));
        for (String k : runKeys) {
            if (!variants.containsKey(k.trim())) {
                throw new IllegalArgumentException("unknown run '" + k + "': " + variants.keySet());
            }
        }
        int[] checkpoints = Arrays.stream(new int[] {10, 20, 40, trials}).filter(k -> k <= trials).distinct().sorted()
                .toArray();
        int tpeWithin = trials == 40 ? 20 : trials / 2;
        String config = String.format(Locale.ROOT, "trials %d, seeds %d (%d..%d), maxEpochs %d, minEpochs %d, "
                        + "patience %d, one worker, split %s, space %s (preprocessing keys left out take the series' "
                        + "defaults, as the service gives them)%nnative threads: %s, OMP_NUM_THREADS=%s", trials, seeds,
                firstSeed, firstSeed + seeds - 1, maxEpochs, minEpochs, patience, SplitFractions.DEFAULT, spaceJson,
                threads, System.getenv("OMP_NUM_THREADS"));
        System.out.println("StrategyBench: " + config);

        StringBuilder report = new StringBuilder();
        report.append("## StrategyBench — ").append(config).append("\n");
        long t0 = System.nanoTime();
        for (String n : datasetNames) {
            Dataset ds = dataset(n.trim());
            SearchSpace space = serviceSpace(ds, spaceJson);
            System.out.println(ds.name + ": space " + space);
            Map<String, List<Run>> runs = new LinkedHashMap<>();
            for (int s = 0; s < seeds; s++) {
                long seed = firstSeed + s;
                for (String k : runKeys) {
                    Variant v = variants.get(k.trim());
                    runs.computeIfAbsent(k.trim(), x -> new ArrayList<>())
                            .add(cached(cache, ds, space, v, cfg, seed));
                }
            }
            String table = tables(ds, space, runs, firstSeed, seeds, cfg, checkpoints, tpeWithin);
            System.out.print(table);
            report.append(table);
        }
        report.append(String.format(Locale.ROOT, "total wall time %.0f s (runs found in the cache %s cost nothing)%n",
                (System.nanoTime() - t0) / 1e9, cache));
        System.out.println();
        System.out.print(report);
    }

    /** The space a new user gets for this series: the request's keys, the series' preprocessing defaults. */
    static SearchSpace serviceSpace(Dataset ds, String spaceJson) throws Exception {
        JsonNode node = new ObjectMapper().readTree(spaceJson);
        SearchSpace parsed = SearchSpaceParser.parse(node, SpaceLimits.DEFAULT, false);
        double[] target = ds.table.column(ds.target);
        ChronoSplit rows = ChronoSplit.of(ds.table.rows(), SplitFractions.DEFAULT);
        int season = Seasonality.detect(ds.table.times(), target, rows.train().size()).period();
        boolean positive = Arrays.stream(target).allMatch(v -> v > 0);
        return parsed.withSeriesDefaults(SearchSpaceParser.omittedKeys(node), season, positive, rows.train().size());
    }

    // ---------------------------------------------------------------------------------------------------- runs

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The run from the cache when one was stored for the same dataset, seed, variant and configuration and its
     * proposals replay exactly (each cached trial's params are what the strategy proposes from the cached history
     * before it: a changed strategy or space is noticed), else trained now and stored.
     */
    static Run cached(Path cache, Dataset ds, SearchSpace space, Variant v, Config cfg, long seed) throws Exception {
        String id = String.format(Locale.ROOT, "%s-%s-s%d-t%d-e%d-m%d-p%d-%08x", ds.name, v.key, seed, cfg.trials,
                cfg.maxEpochs, cfg.minEpochs, cfg.patience, (space.toString() + v).hashCode());
        Path file = cache.resolve(id + ".json");
        if (Files.exists(file)) {
            Run r = JSON.readValue(file.toFile(), Run.class);
            String mismatch = replay(ds, space, v, cfg, seed, r);
            if (mismatch == null) {
                return progress(ds, v.key + " (cached)", seed, r);
            }
            System.out.println("  cache " + file + " is stale (" + mismatch + "): training again");
        }
        Run r = run(ds, space, v, cfg, seed);
        JSON.writeValue(file.toFile(), r);
        return progress(ds, v.key, seed, r);
    }

    private static String replay(Dataset ds, SearchSpace space, Variant v, Config cfg, long seed, Run r) {
        SearchStrategy strategy = SearchStrategies.forName(v.strategy);
        List<TrialRecord> history = new ArrayList<>();
        for (int k = 0; k < r.trials.size(); k++) {
            var p = strategy.propose(context(space, seed, history, cfg, v));
            Trial t = r.trials.get(k);
            if (p.isEmpty() || !p.get().params().toString().equals(t.params)) {
                return "trial " + k + " proposes " + p.map(x -> x.params().toString()).orElse("nothing");
            }
            history.add(record(k, p.get(), t));
        }
        return null;
    }

    private static Run progress(Dataset ds, String what, long seed, Run r) {
        System.out.printf(Locale.ROOT, "  %-9s %-18s seed %d: best %8.3f, %4d epochs, %2d pruned, %2d failed, %5.1f s%n",
                ds.name, what, seed, r.bestAfter(r.trials.size()), r.epochs(), r.count(TrialState.PRUNED),
                r.count(TrialState.FAILED), r.seconds);
        return r;
    }

    /**
     * One search of {@code trials} sequential trials; the pruner is asked as the queue asks it at each epoch report
     * (the other trials' validation RMSEs at the same window and epoch: COMPLETED ones for the median pruner, every
     * trial that reported there for ASHA). Each trial's model is also scored on the test rows, for the rank
     * correlation only: nothing in the search sees it.
     */
    static Run run(Dataset ds, SearchSpace space, Variant v, Config cfg, long seed) {
        SearchStrategy strategy = SearchStrategies.forName(v.strategy);
        Pruner pruner = v.pruner.build();
        LstmTrainer trainer = new LstmTrainer();
        List<TrialRecord> history = new ArrayList<>();
        List<Trial> done = new ArrayList<>();
        ChronoSplit rows = ChronoSplit.of(ds.table.rows(), SplitFractions.DEFAULT);
        long t0 = System.nanoTime();
        for (int k = 0; k < cfg.trials; k++) {
            var proposal = strategy.propose(context(space, seed, history, cfg, v));
            if (proposal.isEmpty()) {
                break;
            }
            Proposal p = proposal.get();
            List<Double> losses = new ArrayList<>();
            TrainingResult r = trainer.train(job(ds, p, v, cfg, seed), (epoch, trainLoss, valLoss, valRmse) -> {
                losses.add(valRmse); // the trial_epoch upsert precedes the pruning query
                if (!pruner.decidesAt(epoch)) {
                    return EpochVerdict.CONTINUE;
                }
                double best = losses.stream().mapToDouble(Double::doubleValue).min().orElse(valRmse);
                return pruner.shouldPrune(epoch, valRmse, best, others(pruner, done, epoch))
                        ? EpochVerdict.PRUNE : EpochVerdict.CONTINUE;
            });
            TrialState state = state(r.stopReason());
            Double rmse = state == TrialState.FAILED ? null : r.valRmse();
            Double test = null;
            if (state == TrialState.COMPLETED) {
                var f = OneStepForecasts.forRows(r.modelZip(), r.preprocessingJson(), ds.table, rows.test());
                test = ForecastMetrics.rmse(f.actual(), f.predicted());
            }
            Trial t = new Trial(p.params().toString(), rmse, state, r.epochsRun(),
                    losses.stream().mapToDouble(Double::doubleValue).toArray(), test, windowRmses(r));
            done.add(t);
            history.add(record(k, p, t));
        }
        return new Run(done, (System.nanoTime() - t0) / 1e9);
    }

    // ------------------------------------------------------------------- the service's API as the bench uses it

    /** A pruner and its settings, as an experiment request names them. */
    record PrunerSpec(String type) {
        static final PrunerSpec NONE = new PrunerSpec("none");

        static PrunerSpec defaults(String type) {
            return new PrunerSpec(type);
        }

        Pruner build() {
            return Pruners.forName(type);
        }

        @Override
        public String toString() {
            return type;
        }
    }

    private static SearchContext context(SearchSpace space, long seed, List<TrialRecord> history, Config cfg,
                                         Variant v) {
        return new SearchContext(space, 1, seed, history, cfg.trials, v.tpeMultivariate);
    }

    private static TrialRecord record(int k, Proposal p, Trial t) {
        return new TrialRecord(k, p.params(), t.state, t.valRmse, t.epochs);
    }

    private static TrainingJob job(Dataset ds, Proposal p, Variant v, Config cfg, long seed) {
        if (v.windows != 1 && !v.pruner.type().equals("none")) {
            throw new IllegalArgumentException("the bench simulates pruning on one validation window only");
        }
        return new TrainingJob(ds.table, ds.target, List.of(), p.params(), p.modelConfigJson(), SplitFractions.DEFAULT,
                cfg.maxEpochs, cfg.minEpochs, cfg.patience, seed, 0, v.windows);
    }

    /** What the queue's pruning query gives: COMPLETED trials' values for the median pruner, all for ASHA. */
    private static IntermediateValues others(Pruner pruner, List<Trial> done, int epoch) {
        int completed = (int) done.stream().filter(t -> t.state == TrialState.COMPLETED).count();
        boolean completedOnly = pruner.peers() == Pruner.Peers.COMPLETED;
        double[] others = done.stream().filter(t -> t.rmses.length > epoch)
                .filter(t -> !completedOnly || t.state == TrialState.COMPLETED)
                .mapToDouble(t -> t.rmses[epoch]).toArray();
        return new IntermediateValues(completed, others);
    }

    private static double[] windowRmses(TrainingResult r) {
        return r.valRmseWindows();
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

    private static String tables(Dataset ds, SearchSpace space, Map<String, List<Run>> runs, long firstSeed,
                                 int seeds, Config cfg, int[] checkpoints, int tpeWithin) {
        StringBuilder b = new StringBuilder();
        ChronoSplit rows = ChronoSplit.of(ds.table.rows(), SplitFractions.DEFAULT);
        double[] y = ds.table.column(ds.target);
        int season = Seasonality.detect(ds.table.times(), y, rows.train().size()).period();
        b.append(String.format(Locale.ROOT, "%n### %s (%d rows, season %d; validation rows %d..%d, test %d..%d)%n",
                ds.name, ds.table.rows(), season, rows.validation().from(), rows.validation().to() - 1,
                rows.test().from(), rows.test().to() - 1));
        b.append("Baselines, one step ahead (validation / test RMSE):");
        for (BaselineScore s : Baselines.evaluate(y, rows.train().to(), rows.validation().to(), season)) {
            b.append(String.format(Locale.ROOT, " %s %.2f / %.2f;", s.name(), s.validation().rmse(), s.test().rmse()));
        }
        b.append("\n");
        List<Run> rnd = runs.get("random");
        if (rnd != null) {
            for (String strategy : List.of("tpe", "tpe-mv")) {
                if (runs.containsKey(strategy)) {
                    strategyTable(b, ds, rnd, strategy, runs.get(strategy), firstSeed, seeds, cfg.trials, checkpoints,
                            tpeWithin);
                }
            }
            if (runs.containsKey("median") || runs.containsKey("asha")) {
                prunerTable(b, ds, rnd, runs, firstSeed, seeds, cfg.trials);
            }
            if (runs.containsKey("windows")) {
                windowTable(b, ds, rnd, runs.get("windows"), firstSeed, seeds, cfg.windows);
            }
        }
        return b.toString();
    }

    private static void strategyTable(StringBuilder b, Dataset ds, List<Run> rnd, String name, List<Run> other,
                                      long firstSeed, int seeds, int trials, int[] checkpoints, int tpeWithin) {
        b.append(String.format(Locale.ROOT, "%n#### %s — random vs %s: best valRmse after k trials; trials to reach "
                + "random's best-of-%d%n", ds.name, name, trials));
        StringBuilder head = new StringBuilder("| seed |");
        StringBuilder rule = new StringBuilder("|---|");
        for (String s : List.of("random", name)) {
            for (int c : checkpoints) {
                head.append(' ').append(s).append(" @").append(c).append(" |");
                rule.append("---:|");
            }
        }
        head.append(" random reaches it | ").append(name).append(" reaches it | s random / ").append(name).append(" |");
        rule.append("---:|---:|---:|");
        b.append(head).append('\n').append(rule).append('\n');
        List<Integer> rndReach = new ArrayList<>();
        List<Integer> otherReach = new ArrayList<>();
        List<List<Double>> cols = new ArrayList<>();
        for (int i = 0; i < 2 * checkpoints.length; i++) {
            cols.add(new ArrayList<>());
        }
        for (int s = 0; s < seeds; s++) {
            double target = rnd.get(s).bestAfter(trials);
            StringBuilder row = new StringBuilder("| " + (firstSeed + s) + " |");
            int col = 0;
            for (Run r : List.of(rnd.get(s), other.get(s))) {
                for (int c : checkpoints) {
                    double v = r.bestAfter(c);
                    cols.get(col++).add(v);
                    row.append(' ').append(fmt(v)).append(" |");
                }
            }
            int a = rnd.get(s).trialsToReach(target);
            int t = other.get(s).trialsToReach(target);
            rndReach.add(a);
            otherReach.add(t);
            row.append(' ').append(reach(a)).append(" | ").append(reach(t)).append(" | ")
                    .append(String.format(Locale.ROOT, "%.0f / %.0f", rnd.get(s).seconds, other.get(s).seconds))
                    .append(" |");
            b.append(row).append('\n');
        }
        StringBuilder med = new StringBuilder("| **median** |");
        for (List<Double> c : cols) {
            med.append(' ').append(fmt(median(c))).append(" |");
        }
        int otherMedian = medianReach(otherReach);
        med.append(' ').append(reach(medianReach(rndReach))).append(" | ").append(reach(otherMedian)).append(" | |");
        b.append(med).append('\n');
        boolean met = otherMedian > 0 && otherMedian <= tpeWithin;
        b.append(String.format(Locale.ROOT, "%nTarget: %s reaches random's best-of-%d within %d trials (median over "
                + "seeds): **%s** (median %s)%n", name, trials, tpeWithin, met ? "met" : "not met", reach(otherMedian)));
    }

    private static void prunerTable(StringBuilder b, Dataset ds, List<Run> rnd, Map<String, List<Run>> runs,
                                    long firstSeed, int seeds, int trials) {
        List<String> pruners = new ArrayList<>();
        for (String p : List.of("median", "asha")) {
            if (runs.containsKey(p)) {
                pruners.add(p);
            }
        }
        b.append(String.format(Locale.ROOT, "%n#### %s — pruners on random search: epochs trained, best valRmse "
                + "(ranked as the service ranks: COMPLETED trials first), pruned trials%n", ds.name));
        StringBuilder head = new StringBuilder("| seed | none epochs | none best |");
        StringBuilder rule = new StringBuilder("|---|---:|---:|");
        for (String p : pruners) {
            head.append(' ').append(p).append(" epochs | ").append(p).append(" best | ").append(p).append(" pruned |");
            rule.append("---:|---:|---:|");
        }
        b.append(head).append('\n').append(rule).append('\n');
        Map<String, List<Double>> epochRatio = new LinkedHashMap<>();
        Map<String, List<Double>> rmseRatio = new LinkedHashMap<>();
        Map<String, long[]> totalEpochs = new LinkedHashMap<>();
        for (String p : pruners) {
            epochRatio.put(p, new ArrayList<>());
            rmseRatio.put(p, new ArrayList<>());
            totalEpochs.put(p, new long[1]);
        }
        long noneTotal = 0;
        for (int s = 0; s < seeds; s++) {
            Run none = rnd.get(s);
            noneTotal += none.epochs();
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "| %d | %d | %s |", firstSeed + s,
                    none.epochs(), fmt(none.bestAfter(trials))));
            for (String p : pruners) {
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
        for (String p : pruners) {
            b.append(String.format(Locale.ROOT, "| %s | %.0f%% (%d / %d) | %.1f%% |%n", p,
                    100 * median(epochRatio.get(p)), totalEpochs.get(p)[0], noneTotal, 100 * median(rmseRatio.get(p))));
        }
        if (runs.containsKey("asha")) {
            double ashaEpochs = median(epochRatio.get("asha"));
            double ashaRmse = median(rmseRatio.get("asha"));
            b.append(String.format(Locale.ROOT, "%nTarget: ASHA ≤ 40%% of none's epochs at a best valRmse ≤ 105%% of "
                    + "none's: **%s** (%.0f%% of the epochs, %.1f%% of the RMSE)%n",
                    ashaEpochs <= 0.40 && ashaRmse <= 1.05 ? "met" : "not met", 100 * ashaEpochs, 100 * ashaRmse));
        }
        List<List<Run>> pruned = new ArrayList<>();
        pruners.forEach(p -> pruned.add(runs.get(p)));
        b.append(String.format(Locale.ROOT, "Determinism check (unpruned trials of the pruned runs whose RMSE equals "
                + "the none run's): %s%n", determinism(rnd, pruned)));
    }

    /**
     * Does ranking on k validation windows pick what the test slice would pick? Per seed, Spearman's rank correlation
     * between the validation RMSE and the test RMSE over the trials COMPLETED in the run (random search, no pruner):
     * with one window (the random run) and with k (the windows run; its model is the last window's, trained on the
     * same rows as the one-window model).
     */
    private static void windowTable(StringBuilder b, Dataset ds, List<Run> rnd, List<Run> win, long firstSeed,
                                    int seeds, int k) {
        b.append(String.format(Locale.ROOT, "%n#### %s — validation windows: Spearman rank correlation of valRmse and "
                + "testRmse over the completed trials%n", ds.name));
        b.append("| seed | 1 window: ρ (trials) | " + k + " windows: ρ (trials) | median window sd | epochs 1 / "
                + k + " windows | last window = 1-window run |\n|---|---:|---:|---:|---:|---:|\n");
        List<Double> one = new ArrayList<>();
        List<Double> many = new ArrayList<>();
        for (int s = 0; s < seeds; s++) {
            double[] r1 = spearman(rnd.get(s));
            double[] rk = spearman(win.get(s));
            one.add(r1[0]);
            many.add(rk[0]);
            List<Double> sds = new ArrayList<>();
            int same = 0;
            int both = 0;
            for (int i = 0; i < win.get(s).trials.size(); i++) {
                Trial t = win.get(s).trials.get(i);
                if (t.windowRmses != null && t.windowRmses.length > 1) {
                    sds.add(new StandardDeviation().evaluate(t.windowRmses));
                }
                if (i < rnd.get(s).trials.size() && t.state == TrialState.COMPLETED
                        && rnd.get(s).trials.get(i).state == TrialState.COMPLETED && t.windowRmses != null) {
                    both++;
                    if (t.windowRmses[t.windowRmses.length - 1] == rnd.get(s).trials.get(i).valRmse) {
                        same++;
                    }
                }
            }
            b.append(String.format(Locale.ROOT, "| %d | %.3f (%.0f) | %.3f (%.0f) | %s | %d / %d | %d of %d |%n",
                    firstSeed + s, r1[0], r1[1], rk[0], rk[1], fmt(median(sds)), rnd.get(s).epochs(),
                    win.get(s).epochs(), same, both));
        }
        double m1 = median(one);
        double mk = median(many);
        b.append(String.format(Locale.ROOT, "| **median** | %.3f | %.3f | | | |%n", m1, mk));
        b.append(String.format(Locale.ROOT, "%nTarget: the rank correlation with %d windows is higher than with 1: "
                + "**%s** (median %.3f vs %.3f)%n", k, mk > m1 ? "met" : "not met", mk, m1));
    }

    /** Spearman's ρ of (valRmse, testRmse) over the COMPLETED trials of a run, and their number. */
    private static double[] spearman(Run r) {
        List<double[]> pairs = new ArrayList<>();
        for (Trial t : r.trials) {
            if (t.state == TrialState.COMPLETED && t.valRmse != null && t.testRmse != null
                    && Double.isFinite(t.valRmse) && Double.isFinite(t.testRmse)) {
                pairs.add(new double[] {t.valRmse, t.testRmse});
            }
        }
        if (pairs.size() < 3) {
            return new double[] {Double.NaN, pairs.size()};
        }
        double[] v = pairs.stream().mapToDouble(p -> p[0]).toArray();
        double[] t = pairs.stream().mapToDouble(p -> p[1]).toArray();
        return new double[] {new SpearmansCorrelation().correlation(v, t), pairs.size()};
    }

    /** Training is seeded, so a trial the pruner left alone should end exactly as in the none run. */
    private static String determinism(List<Run> none, List<List<Run>> prunedRuns) {
        int same = 0;
        int total = 0;
        for (List<Run> pruned : prunedRuns) {
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
        double[] v = values.stream().mapToDouble(Double::doubleValue).filter(x -> !Double.isNaN(x)).sorted().toArray();
        int n = v.length;
        return n == 0 ? Double.NaN : n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }

    /** Median of trial counts where "never" (-1) ranks above every count; -1 when the median falls on "never". */
    private static int medianReach(List<Integer> reach) {
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

package com.lstmautoml.core.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.lstmautoml.core.data.CsvParser;
import com.lstmautoml.core.data.Table;
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
import com.lstmautoml.core.data.SplitFractions;
import com.lstmautoml.core.training.TrainingJob;
import com.lstmautoml.core.training.TrainingResult;
import com.lstmautoml.core.trial.TrialState;

import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A whole search as one worker runs it (strategy → DL4J training → history), without the database: prints each trial,
 * the best validation RMSE and the throughput of one worker in trials per hour.
 *
 * <pre>mvn -B -q -pl core test-compile exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=com.lstmautoml.core.bench.SearchBench [-Dexec.args="strategy trials maxEpochs patience seed [spaceJson|@file]"]</pre>
 * e.g. {@code -Dexec.args="random 20 100 10 42 @core/src/test/resources/bench/preprocessing-space.json"}
 *
 * Defaults: random, 20 trials, and the service's defaults (maxEpochs, patience, seed, search space). Not a test:
 * nothing is asserted.
 */
public final class SearchBench {

    public static void main(String[] args) throws Exception {
        String strategyName = args.length > 0 ? args[0] : "random";
        int trials = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int maxEpochs = args.length > 2 ? Integer.parseInt(args[2]) : ExperimentSpec.DEFAULT_MAX_EPOCHS;
        int patience = args.length > 3 ? Integer.parseInt(args[3]) : ExperimentSpec.DEFAULT_PATIENCE;
        long seed = args.length > 4 ? Long.parseLong(args[4]) : ExperimentSpec.DEFAULT_SEED;
        System.out.println("native threads: " + NativeThreads.configure(1));
        Table air;
        try (var r = new InputStreamReader(SearchBench.class.getResourceAsStream("/datasets/airline-passengers.csv"),
                StandardCharsets.UTF_8)) {
            air = new CsvParser().parse(r);
        }
        SearchStrategy strategy = SearchStrategies.forName(strategyName);
        // a space as JSON, or @file holding it (exec:java's argument splitting eats the JSON's double quotes)
        String spaceJson = args.length <= 5 ? "{}" : args[5].startsWith("@")
                ? java.nio.file.Files.readString(java.nio.file.Path.of(args[5].substring(1))) : args[5];
        SearchSpace space = SearchSpaceParser.parse(new ObjectMapper().readTree(spaceJson),
                SpaceLimits.DEFAULT,
                "grid".equals(strategyName));
        List<TrialRecord> history = new ArrayList<>();
        LstmTrainer trainer = new LstmTrainer();
        double best = Double.POSITIVE_INFINITY;
        long totalEpochs = 0;
        long t0 = System.nanoTime();
        System.out.printf(Locale.ROOT, "%s search, %d trials, maxEpochs %d, patience %d, seed %d on AirPassengers%n",
                strategyName, trials, maxEpochs, patience, seed);
        for (int k = 0; k < trials; k++) {
            var proposal = strategy.propose(new SearchContext(space, 1, seed, history, trials));
            if (proposal.isEmpty()) {
                break;
            }
            Proposal p = proposal.get();
            long start = System.nanoTime();
            TrainingResult r = trainer.train(new TrainingJob(air, "Passengers", List.of(), p.params(),
                    p.modelConfigJson(), SplitFractions.DEFAULT, maxEpochs, 1, patience, seed), EpochListener.NONE);
            double seconds = (System.nanoTime() - start) / 1e9;
            history.add(new TrialRecord(k, p.params(), TrialState.COMPLETED, r.valRmse(), r.epochsRun()));
            best = Math.min(best, r.valRmse());
            totalEpochs += r.epochsRun();
            System.out.printf(Locale.ROOT, "trial %2d  valRmse %7.2f  trainRmse %7.2f  epochs %3d (best %3d, %s)  %5.1f s  %s%n",
                    k, r.valRmse(), r.trainRmse(), r.epochsRun(), r.bestEpoch(), r.stopReason(), seconds, p.params());
        }
        double hours = (System.nanoTime() - t0) / 3.6e12;
        System.out.printf(Locale.ROOT, "best valRmse %.2f | %d trials, %d epochs in %.1f s | %.0f trials/hour, "
                + "%.0f ms/epoch with one worker%n", best, history.size(), totalEpochs, hours * 3600,
                history.size() / hours, hours * 3.6e6 / totalEpochs);
    }
}

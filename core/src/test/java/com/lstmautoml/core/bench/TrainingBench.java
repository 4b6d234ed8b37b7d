package com.lstmautoml.core.bench;

import com.lstmautoml.core.data.CsvParser;
import com.lstmautoml.core.data.Table;
import com.lstmautoml.core.training.EpochVerdict;
import com.lstmautoml.core.training.LstmTrainer;
import com.lstmautoml.core.training.LstmNetwork;
import com.lstmautoml.core.data.SplitFractions;
import com.lstmautoml.core.training.TrainingJob;
import com.lstmautoml.core.training.TrainingResult;
import com.lstmautoml.core.trial.TrialParams;

import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Times the reference model (2 x LSTM(50), look_back 3, Adam) on AirPassengers at batch 1 and batch 32.
 *
 * <pre>OMP_NUM_THREADS=1 mvn -B -q -pl core test-compile exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=com.lstmautoml.core.bench.TrainingBench [-Dexec.args="maxEpochs patience learningRate"]</pre>
 *
 * Not a test: nothing is asserted, it only prints figures.
 */
public final class TrainingBench {

    public static void main(String[] args) throws Exception {
        int maxEpochs = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        int patience = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        double lr = args.length > 2 ? Double.parseDouble(args[2]) : 0.001;
        Table air;
        try (var r = new InputStreamReader(TrainingBench.class.getResourceAsStream("/datasets/airline-passengers.csv"),
                StandardCharsets.UTF_8)) {
            air = new CsvParser().parse(r);
        }
        System.out.printf(Locale.ROOT, "OMP_NUM_THREADS=%s, cores=%d, maxEpochs=%d, patience=%d, lr=%s%n",
                System.getenv("OMP_NUM_THREADS"), Runtime.getRuntime().availableProcessors(), maxEpochs, patience, lr);
        run(air, 16, 2, patience, lr, "warm-up");
        for (int batch : new int[]{1, 32}) {
            run(air, batch, maxEpochs, patience, lr, "batch " + batch);
        }
    }

    private static void run(Table air, int batch, int maxEpochs, int patience, double lr, String label) {
        TrialParams p = new TrialParams(50, 2, 3, 0.0, batch, lr);
        long seed = 7;
        TrainingJob job = new TrainingJob(air, "Passengers", List.of(), p, LstmNetwork.configurationJson(1, p, seed),
                SplitFractions.DEFAULT, maxEpochs, 1, patience, seed);
        List<Long> epochEnds = new ArrayList<>();
        long t0 = System.nanoTime();
        TrainingResult r = new LstmTrainer().train(job, (e, tl, vl, rmse) -> {
            epochEnds.add(System.nanoTime());
            return EpochVerdict.CONTINUE;
        });
        long total = System.nanoTime() - t0;
        double setupAndEpoch0 = (epochEnds.get(0) - t0) / 1e6;
        double perEpoch = epochEnds.size() > 1
                ? (epochEnds.get(epochEnds.size() - 1) - epochEnds.get(0)) / 1e6 / (epochEnds.size() - 1)
                : setupAndEpoch0;
        System.out.printf(Locale.ROOT,
                "%-8s trial %7.0f ms | %2d epochs (%s), best epoch %d | %6.1f ms/epoch (epoch 0 incl. setup %6.1f ms)"
                        + " | trainRmse %.2f valRmse %.2f%n",
                label, total / 1e6, r.epochsRun(), r.stopReason(), r.bestEpoch(), perEpoch, setupAndEpoch0,
                r.trainRmse(), r.valRmse());
    }
}

package com.lstmautoml.core.bench;

import com.lstmautoml.core.data.CsvParser;
import com.lstmautoml.core.data.Table;
import com.lstmautoml.core.training.EpochVerdict;
import com.lstmautoml.core.training.LstmTrainer;
import com.lstmautoml.core.training.LstmNetwork;
import com.lstmautoml.core.data.SplitFractions;
import com.lstmautoml.core.training.TrainingJob;
import com.lstmautoml.core.training.TrainingResult;
import com.lstmautoml.core.training.TrainingTimes;
import com.lstmautoml.core.trial.TrialParams;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.nd4j.linalg.api.ops.executioner.OpExecutioner;
import org.nd4j.linalg.factory.Nd4j;

import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

/**
 * ND4J and JavaCPP settings against the time of an epoch: trains the same 10 trials of the PyTorch anchor's space on
 * AirPassengers (drawn with {@code Random(7)}; maxEpochs 100, patience 10) with {@link LstmTrainer} under the settings
 * named in the arguments, and prints ms per epoch (the first trial, a warm-up, is left out) with the trainer's
 * breakdown. JavaCPP reads its settings once per JVM, so compare settings with one command each:
 *
 * <pre>mvn -B -q -pl db-migrations,core test-compile
 * for s in javacpp-rss-check per-epoch-rss-check "per-epoch-rss-check profiling-off periodic-gc-off workspaces-none"; do
 *   OMP_NUM_THREADS=1 mvn -B -q -pl core exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=com.lstmautoml.core.bench.EpochSettingsBench -Dexec.args="$s"; done</pre>
 *
 * Settings: {@code javacpp-rss-check} (JavaCPP checks an RSS limit of 2 GiB on every allocation, as the service did
 * before) or {@code per-epoch-rss-check} (JavaCPP's check off, as the service runs now); {@code profiling-off}
 * (ND4J's profiling mode DISABLED instead of SCOPE_PANIC); {@code periodic-gc-off}; {@code workspaces-none}. It also
 * prints the time from the JVM's start to the end of the first epoch, the price of one JVM per trial (run it with
 * {@code java -cp} rather than {@code exec:java} for that figure: Maven's own start-up counts otherwise). Not a
 * test: it only prints figures.
 */
public final class EpochSettingsBench {

    public static void main(String[] args) throws Exception {
        Set<String> on = Set.copyOf(List.of(String.join(" ", args).split("\\s+")));
        // before anything loads ND4J: JavaCPP reads these once
        System.setProperty("org.bytedeco.javacpp.maxphysicalbytes", on.contains("javacpp-rss-check") ? "2g" : "0");
        if (on.contains("profiling-off")) {
            Nd4j.getExecutioner().setProfilingMode(OpExecutioner.ProfilingMode.DISABLED);
        }
        if (on.contains("periodic-gc-off")) {
            Nd4j.getMemoryManager().togglePeriodicGc(false);
        }
        Table air;
        try (var r = new InputStreamReader(EpochSettingsBench.class.getResourceAsStream(
                "/datasets/airline-passengers.csv"), StandardCharsets.UTF_8)) {
            air = new CsvParser().parse(r);
        }
        Random draw = new Random(7);
        double seconds = 0;
        TrainingTimes sum = TrainingTimes.NONE;
        for (int i = 0; i < 10; i++) {
            TrialParams p = new TrialParams(8 * (1 + draw.nextInt(8)), 1 + draw.nextInt(2), 1 + draw.nextInt(12),
                    0.1 * draw.nextInt(4), draw.nextBoolean() ? 16 : 32,
                    Math.exp(Math.log(0.001) + draw.nextDouble() * Math.log(10)))
                    .withPreprocessing(draw.nextBoolean() ? "none" : "log", List.of(0, 1, 12).get(draw.nextInt(3)),
                            draw.nextBoolean() ? "minmax" : "standard");
            MultiLayerConfiguration conf = LstmNetwork.configuration(1, p, 1000 + i);
            if (on.contains("workspaces-none")) {
                conf.setTrainingWorkspaceMode(WorkspaceMode.NONE);
                conf.setInferenceWorkspaceMode(WorkspaceMode.NONE);
            }
            TrainingJob job = new TrainingJob(air, "Passengers", List.of(), p, conf.toJson(), SplitFractions.DEFAULT,
                    100, 1, 10, 1000 + i);
            long t0 = System.nanoTime();
            boolean first = i == 0;
            TrainingResult r = new LstmTrainer().train(job, (e, tl, vl, rmse) -> {
                if (first && e == 0) {
                    // what one JVM per trial would pay before each trial's first epoch ends
                    System.out.printf(Locale.ROOT, "JVM start to the first trial's first epoch: %.2f s%n",
                            (System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime())
                                    / 1e3);
                }
                return EpochVerdict.CONTINUE;
            });
            if (i > 0) {
                seconds += (System.nanoTime() - t0) / 1e9;
                sum = sum.plus(r.times());
            }
        }
        double ms = 1000.0 / sum.epochs();
        System.out.printf(Locale.ROOT, "%s: %d epochs in %.1f s: %.1f ms/epoch (fit %.1f, validation %.1f, "
                        + "checkpoints %.2f, setup + finish %.1f)%n", on, sum.epochs(), seconds, seconds * ms,
                sum.fit() * ms, sum.validation() * ms, sum.checkpoints() * ms, (sum.setup() + sum.finish()) * ms);
    }
}

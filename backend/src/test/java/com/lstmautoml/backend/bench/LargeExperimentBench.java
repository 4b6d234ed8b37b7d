package com.lstmautoml.backend.bench;

import com.lstmautoml.backend.testing.SyntheticExperiments;
import com.lstmautoml.core.api.ApiDtos;
import com.lstmautoml.core.api.Experiments;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/**
 * What the experiment detail view does on open, timed on ONE experiment of 10,000 trials inserted in SQL: the
 * experiment view, the first trial page (best first), every trial as a chart point, and a history page. Prints the
 * figures and asserts nothing about time (only that the calls return what was inserted). Part of the normal test run
 * (about 3 s); alone: {@code mvn -B -pl backend -am test -Dtest=LargeExperimentBench
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@QuarkusTest
class LargeExperimentBench {

    private static final Logger LOG = Logger.getLogger(LargeExperimentBench.class);
    static final int TRIALS = 10_000;
    static final int WARMUP = 3;
    static final int RUNS = 9;

    @Inject
    Experiments experiments;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void detailViewOfTenThousandTrials() {
        long t0 = System.nanoTime();
        long id = SyntheticExperiments.insert(dataSource, "bench-10k-" + System.nanoTime(), TRIALS);
        double insertMs = (System.nanoTime() - t0) / 1e6;
        try (var c = dataSource.getConnection(); var s = c.createStatement()) {
            s.execute("ANALYZE trial");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }

        String get = time(() -> experiments.get(id));
        String page = time(() -> experiments.trials(id, List.of(new ApiDtos.SortOrder("valRmse", false)), 0, 50));
        String points = time(() -> experiments.trialPoints(id));
        String history = time(() -> experiments.history(ApiDtos.ExperimentFilter.ALL, List.of(), 0, 50));
        String line = String.format("%d trials (insert %.0f ms); first call / median of %d calls after %d warm-up: get %s,"
                        + " first trial page (50, valRmse) %s, chart points %s, history page (50) %s",
                TRIALS, insertMs, RUNS, WARMUP, get, page, points, history);
        LOG.info(line);
        System.out.println(line);

        // the figures are of real work: every trial came back as a point, and the view counted them all
        org.assertj.core.api.Assertions.assertThat(experiments.trialPoints(id)).hasSize(TRIALS);
        org.assertj.core.api.Assertions.assertThat(experiments.get(id).trialCounts().values().stream()
                .mapToLong(Long::longValue).sum()).isEqualTo(TRIALS);
    }

    private static String time(Supplier<?> call) {
        long start = System.nanoTime();
        call.get();
        double first = (System.nanoTime() - start) / 1e6;
        for (int i = 0; i < WARMUP; i++) {
            call.get();
        }
        double[] warm = new double[RUNS];
        for (int i = 0; i < RUNS; i++) {
            start = System.nanoTime();
            call.get();
            warm[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(warm);
        return String.format("%.1f / %.1f ms", first, warm[RUNS / 2]);
    }
}

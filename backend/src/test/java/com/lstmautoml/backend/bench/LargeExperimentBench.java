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

import static com.lstmautoml.backend.testing.Api.admin;

/**
 * What the experiment detail view does on open, timed on ONE experiment of 10,000 trials inserted in SQL: the
 * experiment view, the first trial page (best first), every trial as a chart point, and a history page. Prints the
 * figures and asserts nothing about time (only that the calls return what was inserted). Part of the normal test run
 * Not part of the normal test run (the class name is outside surefire's includes); run it with
 * {@code mvn -B -pl db-migrations,core,web-ui,backend -am test -Dtest=LargeExperimentBench
 * -Dsurefire.failIfNoSpecifiedTests=false}. It also times the detail page in headless Chromium.
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

        String get = time(() -> experiments.get(admin(), id));
        String page = time(() -> experiments.trials(admin(), id, List.of(new ApiDtos.SortOrder("valRmse", false)), 0, 50));
        String points = time(() -> experiments.trialPoints(admin(), id));
        String history = time(() -> experiments.history(admin(), ApiDtos.ExperimentFilter.ALL, List.of(), 0, 50));
        String line = String.format("%d trials (insert %.0f ms); first call / median of %d calls after %d warm-up: get %s,"
                        + " first trial page (50, valRmse) %s, chart points %s, history page (50) %s",
                TRIALS, insertMs, RUNS, WARMUP, get, page, points, history);
        LOG.info(line);
        System.out.println(line);

        // the figures are of real work: every trial came back as a point, and the view counted them all
        org.assertj.core.api.Assertions.assertThat(experiments.trialPoints(admin(), id)).hasSize(TRIALS);
        org.assertj.core.api.Assertions.assertThat(experiments.get(admin(), id).trialCounts().values().stream()
                .mapToLong(Long::longValue).sum()).isEqualTo(TRIALS);
    }

    @io.quarkus.test.common.http.TestHTTPResource("/")
    java.net.URL base;

    /** Opens the detail page of a 10,000-trial experiment in Chromium: time to ranked rows and a drawn chart. */
    @Test
    void detailPageOfTenThousandTrialsInTheBrowser() {
        long id = SyntheticExperiments.insert(dataSource, "bench-10k-page-" + System.nanoTime(), TRIALS);
        long small = SyntheticExperiments.insert(dataSource, "bench-10-page-" + System.nanoTime(), 10);
        org.openqa.selenium.WebDriver driver = com.lstmautoml.backend.testing.Browser.start(1280, 800);
        try {
            var wait = new org.openqa.selenium.support.ui.WebDriverWait(driver, java.time.Duration.ofSeconds(60));
            driver.get(base + "experiments");
            StringBuilder figures = new StringBuilder();
            for (int run = 0; run < 6; run++) {
                // runs 0-1: full page load of the 10k experiment; 2: full load of a 10-trial one (the baseline of
                // Vaadin's bootstrap); 3-5: in-app navigation (what a click in the dashboard does) to the 10k one
                long target = run == 2 ? small : id;
                long start;
                if (run < 3) {
                    start = System.nanoTime();
                    driver.get(base + "experiments/" + target);
                } else {
                    driver.get(base.toString());
                    wait.until(d -> !d.findElements(org.openqa.selenium.By.id("experiments-grid")).isEmpty());
                    ((org.openqa.selenium.JavascriptExecutor) driver).executeScript(
                            "const a = document.createElement('a'); a.id = 'bench-link'; a.href = arguments[0];"
                                    + "a.setAttribute('router-link', ''); a.textContent = 'go'; document.body.appendChild(a);",
                            "experiments/" + target);
                    start = System.nanoTime();
                    ((org.openqa.selenium.JavascriptExecutor) driver).executeScript(
                            "document.getElementById('bench-link').click()");
                }
                wait.until(d -> d.findElements(org.openqa.selenium.By.cssSelector("#trials-grid a.trial-link")).size()
                        > 5 && d.getCurrentUrl().endsWith("experiments/" + target));
                double rows = (System.nanoTime() - start) / 1e6;
                wait.until(d -> !d.findElements(org.openqa.selenium.By.cssSelector("#history-chart canvas")).isEmpty());
                double chart = (System.nanoTime() - start) / 1e6;
                figures.append(String.format(" | %s: ranked rows %.0f ms, history chart %.0f ms",
                        run < 2 ? "10k full load " + run : run == 2 ? "10-trial full load" : "10k in-app navigation",
                        rows, chart));
            }
            String line = TRIALS + " trials, detail page in headless Chromium (the first is cold)" + figures;
            LOG.info(line);
            System.out.println(line);
            com.lstmautoml.backend.testing.Browser.screenshot(driver, "bench-10k-detail");
        } finally {
            driver.quit();
        }
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

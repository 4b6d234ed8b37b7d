package com.lstmautoml.worker;

import com.lstmautoml.core.queue.TrialParamsJson;
import com.lstmautoml.core.testing.PrometheusText;
import com.lstmautoml.core.testing.Rows;
import com.lstmautoml.core.testing.TestDatabase;
import com.lstmautoml.core.training.LstmNetwork;
import com.lstmautoml.core.trial.TrialParams;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** The worker process logic on the real embedded PostgreSQL, training real (tiny) LSTMs. */
class WorkerProcessTest {

    /** Tiny: trains in well under a second. */
    static final TrialParams TINY = new TrialParams(4, 1, 2, 0.0, 8, 0.01);
    static final long SEED = 42;

    private Rows rows;
    private long experimentId;

    @BeforeEach
    void setUp() {
        TestDatabase.clean();
        rows = new Rows(TestDatabase.dataSource());
        long dataset = rows.dataset("sine", Rows.sineTable(60));
        experimentId = rows.experiment(dataset,
                new Rows.ExperimentRow("worker e2e", "value", List.of(), 2, 3, SEED, 0.7, 0.15, 3),
                Instant.parse("2026-01-01T00:00:00Z"));
    }

    /** QUEUED trials with the tiny params and their real model config (what the backend's scheduler inserts). */
    static List<Long> queueTinyTrials(Rows rows, long experimentId, int n) {
        List<Long> ids = rows.queuedTrials(experimentId, n, Instant.parse("2026-01-01T00:00:00Z"));
        for (long id : ids) {
            rows.execute("UPDATE trial SET params = CAST(? AS jsonb), model_config = ? WHERE id = ?",
                    TrialParamsJson.write(TINY), LstmNetwork.configurationJson(1, TINY, SEED), id);
        }
        return ids;
    }

    private static WorkerOptions options(String... args) throws WorkerOptions.UsageException {
        return WorkerOptions.parse(List.of(args), Map.of());
    }

    @Test
    void trainsQueuedTrialsToCompletionAndExitsAfterMaxTrials() throws Exception {
        List<Long> ids = queueTinyTrials(rows, experimentId, 2);
        WorkerProcess process = new WorkerProcess(options("--db-url", TestDatabase.jdbcUrl(), "--threads", "2",
                "--id", "e2e", "--max-trials", "2", "--poll", "50ms"));

        int finished = assertTimeoutPreemptively(Duration.ofMinutes(2), process::run);

        // run() returns by itself after --max-trials trials
        assertThat(finished).isEqualTo(2);
        for (long id : ids) {
            Rows.TrialRow row = rows.trial(id);
            // every trial COMPLETED with a validation RMSE, by one of this process's workers
            assertThat(row.state()).isEqualTo("COMPLETED");
            assertThat(row.valRmse()).isNotNull().isPositive();
            assertThat(row.workerId()).isIn("e2e-1", "e2e-2");
            // the experiment's maxEpochs (2) were trained and each epoch recorded
            assertThat(row.epochsRun()).isEqualTo(2);
            assertThat(rows.epochs(id)).extracting(Rows.EpochRow::epoch).containsExactly(0, 1);
            // the trained model was stored
            assertThat(rows.count("SELECT count(*) FROM trial_model WHERE trial_id = ?", id)).isEqualTo(1);
        }
        // both workers registered as CPU workers with a device description
        assertThat(rows.count("SELECT count(*) FROM worker WHERE id IN ('e2e-1', 'e2e-2') AND backend = 'CPU' "
                + "AND device <> ''")).isEqualTo(2);
    }

    @Test
    void maxTrialsIsExactEvenWithMoreThreadsThanTrialsLeft() throws Exception {
        List<Long> ids = queueTinyTrials(rows, experimentId, 3);
        WorkerProcess process = new WorkerProcess(options("--db-url", TestDatabase.jdbcUrl(), "--threads", "2",
                "--max-trials", "1", "--poll", "50ms"));

        int finished = assertTimeoutPreemptively(Duration.ofMinutes(2), process::run);

        // one trial finished; the second thread claimed nothing although trials were queued
        assertThat(finished).isEqualTo(1);
        assertThat(ids.stream().map(id -> rows.trial(id).state()).toList())
                .containsExactlyInAnyOrder("COMPLETED", "QUEUED", "QUEUED");
    }

    @Test
    void withAMetricsPortTheProcessServesItsQueueSeriesInPrometheusText() throws Exception {
        long id = queueTinyTrials(rows, experimentId, 1).get(0);
        WorkerProcess process = new WorkerProcess(options("--db-url", TestDatabase.jdbcUrl(), "--id", "scraped",
                "--poll", "50ms", "--metrics-port", "0"));
        Thread runner = new Thread(process::run);
        runner.start();
        assertThat(process.awaitTrialsEnded(1, Duration.ofMinutes(2))).isTrue();
        assertThat(rows.trial(id).state()).isEqualTo("COMPLETED");
        int port = process.metricsPort().orElseThrow();
        HttpClient http = HttpClient.newHttpClient();

        HttpResponse<String> scrape = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());

        // Prometheus text, with the series of the trial this process trained: one first claim, two epochs (the
        // experiment's maxEpochs), one completed trial and its duration
        assertThat(scrape.statusCode()).isEqualTo(200);
        assertThat(scrape.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
        PrometheusText text = PrometheusText.parse(scrape.body());
        assertThat(text.value("automl_trials_finished_total", "kind", "search", "outcome", "completed")).isEqualTo(1);
        assertThat(text.value("automl_trials_finished_total", "kind", "search", "outcome", "failed")).isZero();
        assertThat(text.value("automl_trial_queue_wait_seconds_count", "kind", "search")).isEqualTo(1);
        assertThat(text.value("automl_trial_epoch_duration_seconds_count", "kind", "search")).isEqualTo(2);
        assertThat(text.value("automl_trial_duration_seconds_count", "kind", "search", "outcome", "completed"))
                .isEqualTo(1);
        assertThat(text.value("automl_trial_duration_seconds_sum", "kind", "search", "outcome", "completed"))
                .isPositive();
        // the histograms have buckets
        assertThat(text.value("automl_trial_epoch_duration_seconds_bucket", "kind", "search", "le", "+Inf"))
                .isEqualTo(2);
        // and the JVM's series
        assertThat(text.has("jvm_memory_used_bytes", "area", "heap")).isTrue();
        assertThat(text.has("process_uptime_seconds")).isTrue();
        // nothing names the experiment or the worker; the backend's series are not repeated here
        assertThat(scrape.body()).doesNotContain("worker e2e", "scraped");
        assertThat(text.has("automl_trials")).isFalse();
        assertThat(text.has("automl_lease_rescues_total")).isFalse();

        // any other path is a 404
        assertThat(http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(404);

        process.stop();
        assertThat(process.awaitDone(Duration.ofSeconds(30))).isTrue();
        runner.join(5000);
        // the server ends with the process's run
        assertThat(process.metricsPort()).isEmpty();
        assertThatThrownBy(() -> http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/metrics")).build(), HttpResponse.BodyHandlers.ofString())).isInstanceOf(ConnectException.class);
    }

    @Test
    void aMetricsPortInUseIsAClearStartupError() throws Exception {
        try (var taken = new java.net.ServerSocket(0)) {
            WorkerProcess process = new WorkerProcess(options("--db-url", TestDatabase.jdbcUrl(), "--max-trials", "1",
                    "--metrics-port", String.valueOf(taken.getLocalPort())));

            // the message names the port and the option
            assertThatThrownBy(process::run).isInstanceOf(WorkerProcess.StartupException.class)
                    .hasMessageStartingWith("cannot serve metrics on port " + taken.getLocalPort()
                            + " (--metrics-port): ");
        }
    }

    @Test
    void stopEndsAnIdleProcessPromptly() throws Exception {
        // no trial limit and a long poll: only stop() ends it
        WorkerProcess process = new WorkerProcess(options("--db-url", TestDatabase.jdbcUrl(), "--id", "idle",
                "--threads", "1", "--poll", "10m"));
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread runner = new Thread(() -> {
            try {
                process.run();
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        runner.start();
        assertThat(process.awaitRunning(Duration.ofSeconds(60))).isTrue();

        process.stop();

        // run() returns long before the 10-minute poll, without an error
        assertThat(process.awaitDone(Duration.ofSeconds(20))).isTrue();
        runner.join(5000);
        assertThat(failure.get()).isNull();
        // it registered before going idle
        assertThat(rows.count("SELECT count(*) FROM worker WHERE id = 'idle'")).isEqualTo(1);
    }

    /** URL of a database without tables on the embedded server (created once). */
    static String emptyDatabaseUrl(String name) {
        try (Connection c = TestDatabase.dataSource().getConnection(); Statement s = c.createStatement()) {
            if (new Rows(TestDatabase.dataSource()).count(
                    "SELECT count(*) FROM pg_database WHERE datname = ?", name) == 0) {
                s.execute("CREATE DATABASE " + name);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        String url = TestDatabase.jdbcUrl().replaceFirst("/postgres\\?", "/" + name + "?");
        if (!url.contains("/" + name + "?")) {
            throw new IllegalStateException("unexpected embedded URL " + url);
        }
        return url;
    }

    @Test
    void aDatabaseWithoutTheSchemaIsAClearStartupError() throws Exception {
        String emptyUrl = emptyDatabaseUrl("worker_empty");
        WorkerProcess process = new WorkerProcess(options("--db-url", emptyUrl, "--max-trials", "1"));

        // the worker does not migrate: it names the database and tells to start the backend
        assertThatThrownBy(process::run)
                .isInstanceOf(WorkerProcess.StartupException.class)
                .hasMessageStartingWith("database worker_empty (" + emptyUrl + ") has no LSTM AutoML schema; "
                        + "start the backend once against it");
        // and created nothing there
        try (Connection c = java.sql.DriverManager.getConnection(emptyUrl);
             Statement s = c.createStatement();
             var rs = s.executeQuery("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'")) {
            rs.next();
            assertThat(rs.getInt(1)).isZero();
        }
    }

    @Test
    void anUnreachableDatabaseIsAClearStartupError() throws Exception {
        int closedPort;
        try (var socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String url = "jdbc:postgresql://localhost:" + closedPort + "/automl";
        WorkerProcess process = new WorkerProcess(options("--db-url", url, "--db-user", "automl",
                "--db-password", "s3cret", "--max-trials", "1"));

        // the message names the database and user, never the password
        assertThatThrownBy(() -> assertTimeoutPreemptively(Duration.ofSeconds(60), process::run))
                .isInstanceOf(WorkerProcess.StartupException.class)
                .hasMessageStartingWith("cannot use database " + url + " as user automl: ")
                .message().doesNotContain("s3cret");
    }
}

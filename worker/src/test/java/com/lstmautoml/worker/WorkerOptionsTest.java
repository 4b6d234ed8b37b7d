package com.lstmautoml.worker;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WorkerOptionsTest {

    private static final String URL = "jdbc:postgresql://db:5432/automl";

    private static WorkerOptions parse(Map<String, String> env, String... args) throws Exception {
        return WorkerOptions.parse(List.of(args), env);
    }

    @Test
    void defaultsApplyWhenOnlyTheUrlIsGiven() throws Exception {
        WorkerOptions o = parse(Map.of(), "--db-url", URL);
        // defaults: a thread per core, 2 min lease, 2 s poll, no id, no trial limit, 1 native thread, no
        // credentials, no metrics port
        assertThat(o).isEqualTo(new WorkerOptions(URL, null, null, Runtime.getRuntime().availableProcessors(),
                Duration.ofMinutes(2), Duration.ofSeconds(2), null, 0, 1, null, false));
    }

    @Test
    void everyOptionIsReadFromTheEnvironment() throws Exception {
        Map<String, String> env = Map.of(
                "QUARKUS_DATASOURCE_JDBC_URL", URL,
                "QUARKUS_DATASOURCE_USERNAME", "automl",
                "QUARKUS_DATASOURCE_PASSWORD", "secret",
                "AUTOML_WORKER_THREADS", "3",
                "AUTOML_QUEUE_LEASE_DURATION", "PT5M",
                "AUTOML_WORKER_POLL_INTERVAL", "500ms",
                "AUTOML_WORKER_ID", "gpu-box",
                "AUTOML_WORKER_MAX_TRIALS", "7",
                "AUTOML_WORKER_NATIVE_THREADS", "2",
                "AUTOML_WORKER_METRICS_PORT", "9464");
        // each environment variable sets its option (the backend's datasource names for the database)
        assertThat(parse(env)).isEqualTo(new WorkerOptions(URL, "automl", "secret", 3, Duration.ofMinutes(5),
                Duration.ofMillis(500), "gpu-box", 7, 2, 9464, false));
    }

    @Test
    void flagsWinOverTheEnvironment() throws Exception {
        Map<String, String> env = Map.of(
                "QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://env/db",
                "QUARKUS_DATASOURCE_USERNAME", "env-user",
                "AUTOML_WORKER_THREADS", "3",
                "AUTOML_QUEUE_LEASE_DURATION", "PT5M",
                "AUTOML_WORKER_ID", "env-id",
                "AUTOML_WORKER_NATIVE_THREADS", "4",
                "AUTOML_WORKER_METRICS_PORT", "9464");
        WorkerOptions o = parse(env, "--db-url", URL, "--db-user=flag-user", "--threads", "2", "--lease", "90",
                "--id", "flag-id", "--native-threads", "0", "--max-trials", "1", "--poll", "PT0.1S",
                "--metrics-port", "0");
        // a flag replaces its variable; variables without a flag still apply (none left here)
        assertThat(o).isEqualTo(new WorkerOptions(URL, "flag-user", null, 2, Duration.ofSeconds(90),
                Duration.ofMillis(100), "flag-id", 1, 0, 0, false));
    }

    @Test
    void emptyEnvironmentValuesCountAsUnset() throws Exception {
        WorkerOptions o = parse(Map.of("AUTOML_WORKER_THREADS", "", "AUTOML_WORKER_ID", " "), "--db-url", URL);
        // docker-compose's "VAR: ''" does not break the defaults
        assertThat(o.threads()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(o.id()).isNull();
    }

    @Test
    void missingUrlNamesTheFlagAndTheVariable() {
        // without a URL the message says how to give one
        assertThatThrownBy(() -> parse(Map.of(), "--threads", "2"))
                .isInstanceOf(WorkerOptions.UsageException.class)
                .hasMessage("no database URL: give --db-url jdbc:postgresql://host:5432/automl "
                        + "or set QUARKUS_DATASOURCE_JDBC_URL");
    }

    @Test
    void eachBadValueNamesItsOptionAndWhatToGive() {
        // not a PostgreSQL JDBC URL (a password in it is masked)
        assertThatThrownBy(() -> parse(Map.of(), "--db-url", "postgres://h/db?password=x"))
                .hasMessage("--db-url: expected a PostgreSQL JDBC URL like jdbc:postgresql://host:5432/automl, "
                        + "got 'postgres://h/db?password=***'");
        // threads out of range
        assertThatThrownBy(() -> parse(Map.of(), "--db-url", URL, "--threads", "0"))
                .hasMessage("--threads: expected a whole number from 1 to 256, got '0'");
        // threads not a number, from the environment: the message names the variable and its flag
        assertThatThrownBy(() -> parse(Map.of("AUTOML_WORKER_THREADS", "two"), "--db-url", URL))
                .hasMessage("AUTOML_WORKER_THREADS (--threads): expected a whole number from 1 to 256, got 'two'");
        // lease not a duration
        assertThatThrownBy(() -> parse(Map.of(), "--db-url", URL, "--lease", "soon"))
                .hasMessageStartingWith("--lease: expected a duration of at least PT1S such as PT2M")
                .hasMessageEndingWith("got 'soon'");
        // lease too short for a heartbeat
        assertThatThrownBy(() -> parse(Map.of(), "--db-url", URL, "--lease", "10ms"))
                .hasMessageStartingWith("--lease: expected a duration of at least PT1S");
        // poll must be positive
        assertThatThrownBy(() -> parse(Map.of("AUTOML_WORKER_POLL_INTERVAL", "0"), "--db-url", URL))
                .hasMessageStartingWith("AUTOML_WORKER_POLL_INTERVAL (--poll): expected a duration of at least PT0.001S");
        // max trials at least 1
        assertThatThrownBy(() -> parse(Map.of(), "--db-url", URL, "--max-trials", "-1"))
                .hasMessage("--max-trials: expected a whole number of at least 1, got '-1'");
        // native threads: 0 (keep ND4J's default) to 1024
        assertThatThrownBy(() -> parse(Map.of(), "--db-url", URL, "--native-threads", "x"))
                .hasMessage("--native-threads: expected a whole number from 0 to 1024, got 'x'");
        // a metrics port is a TCP port, 0 for any free one
        assertThatThrownBy(() -> parse(Map.of(), "--db-url", URL, "--metrics-port", "65536"))
                .hasMessage("--metrics-port: expected a whole number from 0 to 65535, got '65536'");
        assertThatThrownBy(() -> parse(Map.of("AUTOML_WORKER_METRICS_PORT", "http"), "--db-url", URL))
                .hasMessage("AUTOML_WORKER_METRICS_PORT (--metrics-port): expected a whole number from 0 to 65535, "
                        + "got 'http'");
        // ids are restricted to characters safe in logs and the dashboard
        assertThatThrownBy(() -> parse(Map.of(), "--db-url", URL, "--id", "my worker"))
                .hasMessageStartingWith("--id: expected 1 to 100 letters, digits");
    }

    @Test
    void malformedCommandLinesAreRejected() {
        // an unknown flag
        assertThatThrownBy(() -> parse(Map.of(), "--db-url", URL, "--thread", "2"))
                .hasMessage("unknown option '--thread'; see --help");
        // a flag without its value
        assertThatThrownBy(() -> parse(Map.of(), "--db-url", URL, "--threads"))
                .hasMessageStartingWith("--threads needs a value: --threads N");
        // an empty value in --name= form
        assertThatThrownBy(() -> parse(Map.of(), "--db-url="))
                .hasMessageStartingWith("--db-url needs a value: --db-url URL");
        // a flag given twice
        assertThatThrownBy(() -> parse(Map.of(), "--db-url", URL, "--id", "a", "--id", "b"))
                .hasMessage("--id was given twice");
    }

    @Test
    void helpNeedsNoUrl() throws Exception {
        // --help parses without a database and the usage lists every flag with its variable
        assertThat(parse(Map.of(), "--help").help()).isTrue();
        assertThat(WorkerOptions.usage()).contains("--db-url URL", "QUARKUS_DATASOURCE_JDBC_URL", "--max-trials N",
                "AUTOML_WORKER_NATIVE_THREADS", "AUTOML_QUEUE_LEASE_DURATION", "--metrics-port PORT",
                "AUTOML_WORKER_METRICS_PORT");
    }

    @Test
    void durationsAcceptTheQuarkusForms() {
        // ISO-8601, bare seconds and unit suffixes, as the backend's configuration accepts them
        assertThat(WorkerOptions.parseDuration("PT2M")).isEqualTo(Duration.ofMinutes(2));
        assertThat(WorkerOptions.parseDuration("120")).isEqualTo(Duration.ofSeconds(120));
        assertThat(WorkerOptions.parseDuration("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(WorkerOptions.parseDuration("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(WorkerOptions.parseDuration("1h")).isEqualTo(Duration.ofHours(1));
        // anything else is rejected
        assertThat(WorkerOptions.parseDuration("2 minutes")).isNull();
    }

    @Test
    void workerIdsFollowHostPidOrTheGivenId() throws Exception {
        // default: <host>-<pid>-<i>
        assertThat(parse(Map.of(), "--db-url", URL, "--threads", "2").workerIds("box", 42))
                .containsExactly("box-42-1", "box-42-2");
        // --id with one thread: the id itself
        assertThat(parse(Map.of(), "--db-url", URL, "--id", "w", "--threads", "1").workerIds("box", 42))
                .containsExactly("w");
        // --id with N threads: <id>-<i>
        assertThat(parse(Map.of(), "--db-url", URL, "--id", "w", "--threads", "3").workerIds("box", 42))
                .containsExactly("w-1", "w-2", "w-3");
    }

    @Test
    void thePasswordNeverShows() throws Exception {
        WorkerOptions o = parse(Map.of(), "--db-url", URL + "?password=hunter2", "--db-password", "hunter2");
        // neither the password flag nor a password in the URL appears in toString (which may be logged)
        assertThat(o.toString()).doesNotContain("hunter2").contains("password=***");
    }
}

package com.lstmautoml.worker;

import com.lstmautoml.core.queue.QueueConfig;
import com.lstmautoml.core.worker.TrialWorker;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Settings of a worker process, from command-line flags and environment variables (a flag wins over its variable).
 * {@link #parse(List, Map)} is a pure function of both, so it is tested without a process.
 *
 * @param dbUrl         PostgreSQL JDBC URL ({@code --db-url}, {@code QUARKUS_DATASOURCE_JDBC_URL})
 * @param dbUser        database user, null for the driver's default ({@code --db-user}, {@code QUARKUS_DATASOURCE_USERNAME})
 * @param dbPassword    database password, null for none ({@code --db-password}, {@code QUARKUS_DATASOURCE_PASSWORD})
 * @param threads       trials trained in parallel, one {@code TrialWorker} each ({@code --threads},
 *                      {@code AUTOML_WORKER_THREADS})
 * @param lease         queue lease ({@code --lease}, {@code AUTOML_QUEUE_LEASE_DURATION})
 * @param poll          idle poll interval ({@code --poll}, {@code AUTOML_WORKER_POLL_INTERVAL})
 * @param id            worker id prefix, null for {@code <host>-<pid>} ({@code --id}, {@code AUTOML_WORKER_ID})
 * @param maxTrials     exit after this many trials, 0 to run until stopped ({@code --max-trials},
 *                      {@code AUTOML_WORKER_MAX_TRIALS})
 * @param nativeThreads ND4J/OpenBLAS threads per training, 0 to keep ND4J's defaults ({@code --native-threads},
 *                      {@code AUTOML_WORKER_NATIVE_THREADS})
 * @param metricsPort   port of the process's Prometheus metrics ({@code GET /metrics}, see {@link MetricsServer}), 0
 *                      for any free one, null for none, the default ({@code --metrics-port},
 *                      {@code AUTOML_WORKER_METRICS_PORT})
 * @param help          {@code --help} was given: print {@link #usage()} and exit; the other values are then defaults
 */
public record WorkerOptions(String dbUrl, String dbUser, String dbPassword, int threads, Duration lease,
                            Duration poll, String id, int maxTrials, int nativeThreads, Integer metricsPort,
                            boolean help) {

    public static final int MAX_THREADS = 256;
    /** One trial thread per core this JVM sees ({@link TrialWorker#perCore()}). */
    public static final int DEFAULT_THREADS = Math.min(MAX_THREADS, TrialWorker.perCore());
    public static final int DEFAULT_NATIVE_THREADS = 1;
    public static final int MAX_NATIVE_THREADS = 1024;
    public static final int MAX_PORT = 65535;

    /** A flag, its environment variable and the argument it takes (for messages and usage). */
    enum Option {
        DB_URL("--db-url", "QUARKUS_DATASOURCE_JDBC_URL", "URL",
                "PostgreSQL JDBC URL, e.g. jdbc:postgresql://host:5432/automl (required)"),
        DB_USER("--db-user", "QUARKUS_DATASOURCE_USERNAME", "USER", "database user"),
        DB_PASSWORD("--db-password", "QUARKUS_DATASOURCE_PASSWORD", "PASSWORD", "database password"),
        THREADS("--threads", "AUTOML_WORKER_THREADS", "N",
                "trials trained in parallel, 1 to " + MAX_THREADS + " (default: one per core, " + DEFAULT_THREADS
                        + " here)"),
        LEASE("--lease", "AUTOML_QUEUE_LEASE_DURATION", "DURATION",
                "lease on a claimed trial, e.g. PT2M, 2m, 120 (seconds) (default "
                        + QueueConfig.DEFAULT_LEASE + "); must match the backend's"),
        POLL("--poll", "AUTOML_WORKER_POLL_INTERVAL", "DURATION",
                "wait between claims while the queue is empty, e.g. PT2S, 500ms (default "
                        + QueueConfig.DEFAULT_POLL + ")"),
        ID("--id", "AUTOML_WORKER_ID", "NAME",
                "worker id; with --threads N > 1 the workers are NAME-1..NAME-N (default <host>-<pid>-<i>)"),
        MAX_TRIALS("--max-trials", "AUTOML_WORKER_MAX_TRIALS", "N",
                "exit (status 0) after N trials; by default run until SIGTERM/SIGINT"),
        NATIVE_THREADS("--native-threads", "AUTOML_WORKER_NATIVE_THREADS", "N",
                "ND4J/OpenBLAS threads per training, 0 keeps ND4J's default (default " + DEFAULT_NATIVE_THREADS
                        + "); ignored when OMP_NUM_THREADS is set"),
        METRICS_PORT("--metrics-port", "AUTOML_WORKER_METRICS_PORT", "PORT",
                "serve this worker's metrics in Prometheus text at http://<host>:PORT" + MetricsServer.PATH
                        + " (all interfaces; 0 picks a free port, logged); off by default");

        final String flag;
        final String env;
        final String arg;
        final String description;

        Option(String flag, String env, String arg, String description) {
            this.flag = flag;
            this.env = env;
            this.arg = arg;
            this.description = description;
        }

        static Option byFlag(String flag) {
            for (Option o : values()) {
                if (o.flag.equals(flag)) {
                    return o;
                }
            }
            return null;
        }
    }

    /** A bad command line or environment; the message names the option and what to give. */
    public static final class UsageException extends Exception {
        public UsageException(String message) {
            super(message);
        }
    }

    public WorkerOptions {
        Objects.requireNonNull(lease, "lease");
        Objects.requireNonNull(poll, "poll");
        if (!help) {
            Objects.requireNonNull(dbUrl, "dbUrl");
        }
    }

    /** Options with all defaults for the given URL (for tests and embedding). */
    public static WorkerOptions defaults(String dbUrl) {
        return new WorkerOptions(dbUrl, null, null, DEFAULT_THREADS, QueueConfig.DEFAULT_LEASE,
                QueueConfig.DEFAULT_POLL, null, 0, DEFAULT_NATIVE_THREADS, null, false);
    }

    /**
     * Reads the flags ({@code --name value} or {@code --name=value}) and, for options not given as flags, the
     * environment. Empty environment values count as unset.
     *
     * @throws UsageException naming the flag (or variable) and what it expects
     */
    public static WorkerOptions parse(List<String> args, Map<String, String> env) throws UsageException {
        Map<Option, String> flags = new LinkedHashMap<>();
        boolean help = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--help") || arg.equals("-h")) {
                help = true;
                continue;
            }
            String name = arg;
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                name = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            }
            Option option = Option.byFlag(name);
            if (option == null) {
                throw new UsageException("unknown option '" + arg + "'; see --help");
            }
            if (value == null) {
                if (i + 1 >= args.size() || args.get(i + 1).startsWith("--")) {
                    throw new UsageException(option.flag + " needs a value: " + option.flag + " " + option.arg
                            + " (" + option.description + ")");
                }
                value = args.get(++i);
            }
            if (flags.put(option, value) != null) {
                throw new UsageException(option.flag + " was given twice");
            }
        }
        if (help) {
            return new WorkerOptions(null, null, null, DEFAULT_THREADS, QueueConfig.DEFAULT_LEASE,
                    QueueConfig.DEFAULT_POLL, null, 0, DEFAULT_NATIVE_THREADS, null, true);
        }
        Source src = new Source(flags, env);

        String url = src.raw(Option.DB_URL);
        if (url == null) {
            throw new UsageException("no database URL: give " + Option.DB_URL.flag
                    + " jdbc:postgresql://host:5432/automl or set " + Option.DB_URL.env);
        }
        if (!url.startsWith("jdbc:postgresql:")) {
            throw src.bad(Option.DB_URL, "a PostgreSQL JDBC URL like jdbc:postgresql://host:5432/automl",
                    safeUrl(url));
        }
        String user = src.raw(Option.DB_USER);
        String password = src.raw(Option.DB_PASSWORD);
        int threads = src.integer(Option.THREADS, DEFAULT_THREADS, 1, MAX_THREADS);
        Duration lease = src.duration(Option.LEASE, QueueConfig.DEFAULT_LEASE, Duration.ofSeconds(1));
        Duration poll = src.duration(Option.POLL, QueueConfig.DEFAULT_POLL, Duration.ofMillis(1));
        String id = src.raw(Option.ID);
        if (id != null && !id.matches("[A-Za-z0-9][A-Za-z0-9._:@-]{0,99}")) {
            throw src.bad(Option.ID, "1 to 100 letters, digits or . _ : @ - (starting with a letter or digit)", id);
        }
        int maxTrials = src.integer(Option.MAX_TRIALS, 0, 1, Integer.MAX_VALUE);
        int nativeThreads = src.integer(Option.NATIVE_THREADS, DEFAULT_NATIVE_THREADS, 0, MAX_NATIVE_THREADS);
        Integer metricsPort = src.raw(Option.METRICS_PORT) == null ? null
                : src.integer(Option.METRICS_PORT, 0, 0, MAX_PORT);
        return new WorkerOptions(url, user, password, threads, lease, poll, id, maxTrials, nativeThreads, metricsPort,
                false);
    }

    /** Flags first, then the environment. */
    private record Source(Map<Option, String> flags, Map<String, String> env) {

        String raw(Option o) throws UsageException {
            if (flags.containsKey(o)) {
                String v = flags.get(o);
                if (v.isBlank()) {
                    throw new UsageException(o.flag + " needs a value: " + o.flag + " " + o.arg + " ("
                            + o.description + ")");
                }
                return v.trim();
            }
            String v = env.get(o.env);
            return v == null || v.isBlank() ? null : v.trim();
        }

        /** "--threads: expected ..., got 'x'" or "AUTOML_WORKER_THREADS (--threads): expected ..., got 'x'". */
        UsageException bad(Option o, String expected, String got) {
            String where = flags.containsKey(o) ? o.flag : o.env + " (" + o.flag + ")";
            return new UsageException(where + ": expected " + expected + ", got '" + got + "'");
        }

        int integer(Option o, int fallback, int min, int max) throws UsageException {
            String v = raw(o);
            if (v == null) {
                return fallback;
            }
            String expected = max == Integer.MAX_VALUE
                    ? "a whole number of at least " + min
                    : "a whole number from " + min + " to " + max;
            try {
                int n = Integer.parseInt(v);
                if (n < min || n > max) {
                    throw bad(o, expected, v);
                }
                return n;
            } catch (NumberFormatException e) {
                throw bad(o, expected, v);
            }
        }

        Duration duration(Option o, Duration fallback, Duration min) throws UsageException {
            String v = raw(o);
            if (v == null) {
                return fallback;
            }
            String expected = "a duration of at least " + min + " such as PT2M, 2m, 30s, 500ms or 120 (seconds)";
            Duration d = parseDuration(v);
            if (d == null || d.compareTo(min) < 0) {
                throw bad(o, expected, v);
            }
            return d;
        }
    }

    private static final Pattern SIMPLE_DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d)?");

    /**
     * ISO-8601 ({@code PT2M}), a number of seconds ({@code 120}) or a number with a unit ({@code 500ms, 30s, 2m,
     * 1h, 1d}), the forms Quarkus accepts for the backend's durations; null when it is none of them.
     */
    static Duration parseDuration(String text) {
        String t = text.trim();
        Matcher m = SIMPLE_DURATION.matcher(t.toLowerCase(Locale.ROOT));
        if (m.matches()) {
            try {
                long n = Long.parseLong(m.group(1));
                String unit = m.group(2) == null ? "s" : m.group(2);
                return switch (unit) {
                    case "ms" -> Duration.ofMillis(n);
                    case "s" -> Duration.ofSeconds(n);
                    case "m" -> Duration.ofMinutes(n);
                    case "h" -> Duration.ofHours(n);
                    default -> Duration.ofDays(n);
                };
            } catch (NumberFormatException | ArithmeticException e) {
                return null;
            }
        }
        try {
            return Duration.parse(t.toUpperCase(Locale.ROOT));
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** The JDBC URL with any {@code password=...} parameter masked, for logs and messages. */
    public static String safeUrl(String url) {
        return url == null ? null : url.replaceAll("(?i)(password=)[^&;]*", "$1***");
    }

    /** Worker ids of the {@code threads} workers: {@code <prefix>-<i>}, or the plain id for one thread and --id. */
    public List<String> workerIds(String host, long pid) {
        String prefix = id != null ? id : host + "-" + pid;
        if (id != null && threads == 1) {
            return List.of(id);
        }
        return java.util.stream.IntStream.rangeClosed(1, threads).mapToObj(i -> prefix + "-" + i).toList();
    }

    /** Never shows the password. */
    @Override
    public String toString() {
        return "WorkerOptions[dbUrl=" + safeUrl(dbUrl) + ", dbUser=" + dbUser + ", dbPassword="
                + (dbPassword == null ? "none" : "***") + ", threads=" + threads + ", lease=" + lease + ", poll=" + poll
                + ", id=" + id + ", maxTrials=" + maxTrials + ", nativeThreads=" + nativeThreads + ", metricsPort="
                + metricsPort + ", help=" + help + "]";
    }

    public static String usage() {
        StringBuilder sb = new StringBuilder();
        sb.append("Usage: java -jar worker.jar --db-url jdbc:postgresql://host:5432/db [options]\n")
                .append("       java -jar worker.jar forecast --model export.zip --history history.csv --horizon H"
                        + " [...]\n\n")
                .append("Claims trials from the LSTM AutoML queue in PostgreSQL and trains them. The backend owns\n")
                .append("the database schema: start it once against the database before the first worker.\n\n")
                .append("Options (each also from an environment variable; a flag wins):\n");
        for (Option o : Option.values()) {
            sb.append(String.format(Locale.ROOT, "  %-28s %s%n", o.flag + " " + o.arg, o.description));
            sb.append(String.format(Locale.ROOT, "  %-28s   env %s%n", "", o.env));
        }
        sb.append(String.format(Locale.ROOT, "  %-28s %s%n", "--help", "print this help"));
        sb.append("\nSIGTERM/SIGINT: claims no more trials and lets running ones finish (up to the lease, at least\n")
                .append("30 s), then exits with the JVM's signal status (143/130).\n")
                .append("Exit status: 0 --max-trials reached, 1 cannot start (database unreachable, no schema) or a\n")
                .append("worker thread died, 2 bad options.\n")
                .append("\nThe forecast command forecasts offline with a model version exported by the service\n")
                .append("(GET /api/models/{name}/versions/{v}/export); no database. Its options:\n")
                .append("  java -jar worker.jar forecast --help\n");
        return sb.toString();
    }
}

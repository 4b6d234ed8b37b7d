package com.lstmautoml.backend.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Peak resident memory (VmRSS from {@code /proc/<pid>/status}, sampled every second) of the service as
 * {@code ./start.sh --no-build} runs it (packaged jar, embedded PostgreSQL, one in-process worker) across one default
 * experiment ({@code airline-passengers}, {@code tpe}, the default space, {@code --trials} trials), then of an external
 * worker process training the same experiment against that service's database (the service started with
 * {@code AUTOML_WORKER_IN_PROCESS=false}, the worker with {@code --worker-command}). The service JVM, the worker JVM and
 * PostgreSQL (the postmaster and its children: the sum of their RSS, which counts shared buffers once per process, and
 * of their PSS, which does not) are reported apart. At each JVM's peak it also records what the RSS is made of: the
 * Java heap's resident pages (from {@code /proc/<pid>/smaps}, within the range {@code jcmd GC.heap_info} names), the
 * other anonymous pages (metaspace, ND4J's buffers, malloc, thread stacks, code cache, GC structures), the file-backed
 * ones (jars, native libraries), the heap committed and used and the metaspace (from a {@code jstat -gc} running
 * beside it), and the threads. Figures only, nothing is asserted; the goals (issue "Fit the ecosystem") are the
 * service with its in-process worker at most 1.5 GB, an external worker at most 1 GB.
 *
 * <p>Needs nothing but a JDK (it is a single source file), the packaged service and worker
 * ({@code mvn -B -q package -DskipTests}) and the repository root as working directory:
 * <pre>
 * java backend/src/test/java/com/lstmautoml/backend/bench/MemoryBench.java [--phase both|service|worker]
 *     [--trials 40] [--worker-command "./start.sh --worker"] [--timeout 3600]
 * </pre>
 * The environment is passed on, so {@code AUTOML_HEAP=1g java ...MemoryBench.java} measures another setting. Each
 * phase runs on a fresh data folder under the system's temporary folder (kept, with the logs and a per-second
 * {@code rss.csv}, and printed).
 */
public final class MemoryBench {

    private static final String TOKEN = "lsa_memory-bench-admin-token-0123456789";
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*(\\d+)");
    private static final Pattern STATE = Pattern.compile("\"state\"\\s*:\\s*\"(\\w+)\"");
    private static final Pattern FINISHED = Pattern.compile("\"trialsFinished\"\\s*:\\s*(\\d+)");
    private static final Pattern COUNTS = Pattern.compile("\"trialCounts\"\\s*:\\s*(\\{[^}]*})");
    private static final long MIB = 1024 * 1024;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final int trials;
    private final String workerCommand;
    private final Duration timeout;

    private MemoryBench(int trials, String workerCommand, Duration timeout) {
        this.trials = trials;
        this.workerCommand = workerCommand;
        this.timeout = timeout;
    }

    public static void main(String[] args) throws Exception {
        String phase = "both";
        int trials = 40;
        String workerCommand = "./start.sh --worker";
        long timeoutSeconds = 3600;
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--phase" -> phase = value;
                case "--trials" -> trials = Integer.parseInt(value);
                case "--worker-command" -> workerCommand = value;
                case "--timeout" -> timeoutSeconds = Long.parseLong(value);
                default -> {
                    System.err.println("unknown argument " + args[i] + "; see the class comment");
                    System.exit(2);
                }
            }
            i++;
        }
        if (!Files.isExecutable(Path.of("start.sh")) || !Files.exists(Path.of("backend/target/quarkus-app"))) {
            System.err.println("run from the repository root after mvn -B -q package -DskipTests");
            System.exit(2);
        }
        MemoryBench bench = new MemoryBench(trials, workerCommand, Duration.ofSeconds(timeoutSeconds));
        System.out.printf(Locale.ROOT, "MemoryBench: %d-trial default experiment (airline-passengers, tpe); "
                        + "AUTOML_HEAP=%s AUTOML_OFFHEAP=%s JAVA_OPTS=%s MALLOC_ARENA_MAX=%s OMP_NUM_THREADS=%s; "
                        + "%d cores, %d MiB RAM%n", trials, env("AUTOML_HEAP"), env("AUTOML_OFFHEAP"),
                env("JAVA_OPTS"), env("MALLOC_ARENA_MAX"),
                env("OMP_NUM_THREADS"), Runtime.getRuntime().availableProcessors(), memTotalKib() / 1024);
        List<String> summary = new ArrayList<>();
        if (phase.equals("both") || phase.equals("service")) {
            summary.addAll(bench.run(false));
        }
        if (phase.equals("both") || phase.equals("worker")) {
            summary.addAll(bench.run(true));
        }
        System.out.println();
        System.out.println("MemoryBench summary");
        summary.forEach(System.out::println);
    }

    /** One phase: the service (training in process, or not), and with {@code external} a worker process. */
    private List<String> run(boolean external) throws Exception {
        String phase = external ? "external worker" : "service with its in-process worker";
        Path dataDir = Files.createTempDirectory("memory-bench-" + (external ? "worker-" : "service-"));
        int httpPort = freePort();
        int dbPort = freePort();
        System.out.printf(Locale.ROOT, "%n== %s (data folder %s)%n", phase, dataDir);
        Map<String, String> env = new HashMap<>();
        env.put("AUTOML_DATA_DIR", dataDir.toString());
        env.put("AUTOML_EMBEDDED_PORT", String.valueOf(dbPort));
        env.put("QUARKUS_HTTP_PORT", String.valueOf(httpPort));
        env.put("AUTOML_SECURITY_ADMIN_TOKEN", TOKEN);
        env.put("AUTOML_SECURITY_ADMIN_PASSWORD", "memory-bench-admin-password");
        if (external) {
            env.put("AUTOML_WORKER_IN_PROCESS", "false");
        }
        Process service = start(List.of("./start.sh", "--no-build"), env, dataDir.resolve("service.log"));
        Process worker = null;
        Sampler sampler = null;
        try {
            awaitReady(service, httpPort, dataDir.resolve("service.log"));
            Tracked serviceJvm = new Tracked("service JVM", service.pid(), true);
            List<Tracked> tracked = new ArrayList<>(List.of(serviceJvm));
            Tracked workerJvm = null;
            if (external) {
                String url = output(List.of("./start.sh", "--worker-db-url"), env).strip();
                Map<String, String> workerEnv = new HashMap<>(env);
                workerEnv.put("QUARKUS_DATASOURCE_JDBC_URL", url);
                worker = start(List.of("bash", "-c", "exec " + workerCommand), workerEnv,
                        dataDir.resolve("worker.log"));
                workerJvm = new Tracked("worker JVM", worker.pid(), true);
                tracked.add(0, workerJvm);
            }
            sampler = new Sampler(tracked, dataDir.resolve("pgdata").resolve("postmaster.pid"),
                    dataDir.resolve("rss.csv"));
            sampler.start();

            long id = createExperiment(httpPort);
            Instant started = Instant.now();
            Instant deadline = started.plus(timeout);
            String state = "RUNNING";
            Instant nextReport = started;
            while (state.equals("RUNNING") && Instant.now().isBefore(deadline)) {
                if (!service.isAlive() || (worker != null && !worker.isAlive())) {
                    throw new IllegalStateException((service.isAlive() ? "the worker" : "the service")
                            + " exited; see the logs in " + dataDir);
                }
                Thread.sleep(2000);
                String body = get(httpPort, "/api/experiments/" + id);
                state = find(STATE, body).orElse("?");
                if (Instant.now().isAfter(nextReport) || !state.equals("RUNNING")) {
                    nextReport = Instant.now().plusSeconds(30);
                    System.out.printf(Locale.ROOT, "  %4d s: experiment %s, %s trials finished %s; %s%n",
                            Duration.between(started, Instant.now()).toSeconds(), state,
                            find(FINISHED, body).orElse("?"), find(COUNTS, body).orElse(""), sampler.now());
                }
            }
            long seconds = Duration.between(started, Instant.now()).toSeconds();
            sampler.stop();
            List<String> lines = new ArrayList<>();
            lines.add(String.format(Locale.ROOT, "%s: experiment %s after %d s (%d trials asked); samples in %s",
                    phase, state, seconds, trials, dataDir.resolve("rss.csv")));
            for (Tracked t : tracked) {
                lines.add("  " + t.describePeak());
            }
            lines.add("  " + sampler.postgres.describePeak());
            lines.forEach(System.out::println);
            return lines;
        } finally {
            if (sampler != null) {
                sampler.stop();
            }
            stop(worker);
            stop(service);
        }
    }

    // ---- the processes

    private static Process start(List<String> command, Map<String, String> env, Path log) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().remove("QUARKUS_DATASOURCE_JDBC_URL");
        pb.environment().putAll(env);
        return pb.start();
    }

    private static String output(List<String> command, Map<String, String> env) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException(command + " failed: " + new String(p.getErrorStream().readAllBytes(),
                    StandardCharsets.UTF_8));
        }
        return out;
    }

    private static void stop(Process p) throws InterruptedException {
        if (p != null && p.isAlive()) {
            p.destroy(); // SIGTERM: the service stops its embedded PostgreSQL on the way out
            if (!p.waitFor(90, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
            }
        }
    }

    private void awaitReady(Process service, int port, Path log) throws Exception {
        Instant deadline = Instant.now().plusSeconds(300);
        while (Instant.now().isBefore(deadline)) {
            if (!service.isAlive()) {
                throw new IllegalStateException("the service exited: " + Files.readString(log));
            }
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + "/q/health/ready")).build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("the service did not get ready; see " + log);
    }

    // ---- the API

    private long createExperiment(int port) throws Exception {
        String body = "{\"name\":\"memory-bench\",\"dataset\":\"airline-passengers\",\"target\":\"Passengers\","
                + "\"strategy\":\"tpe\",\"maxTrials\":" + trials + "}";
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + "/api/experiments")).header("Authorization", "Bearer " + TOKEN)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() / 100 != 2) {
            throw new IllegalStateException("POST /api/experiments: " + r.statusCode() + " " + r.body());
        }
        return Long.parseLong(find(ID, r.body()).orElseThrow());
    }

    private String get(int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + TOKEN).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private static Optional<String> find(Pattern p, String text) {
        Matcher m = p.matcher(text);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    // ---- sampling

    /** Every second: each tracked JVM's status, PostgreSQL's processes; a CSV line per second. */
    private static final class Sampler {
        private final List<Tracked> jvms;
        private final Path postmasterPid;
        private final PrintWriter csv;
        private final Postgres postgres = new Postgres();
        private final Instant t0 = Instant.now();
        private volatile boolean running = true;
        private Thread thread;

        Sampler(List<Tracked> jvms, Path postmasterPid, Path csvFile) throws IOException {
            this.jvms = jvms;
            this.postmasterPid = postmasterPid;
            this.csv = new PrintWriter(Files.newBufferedWriter(csvFile));
            StringBuilder header = new StringBuilder("seconds");
            for (Tracked t : jvms) {
                String n = t.name.replace(' ', '_');
                header.append(',').append(n).append("_rss_mib,").append(n).append("_heap_committed_mib");
            }
            csv.println(header.append(",postgres_rss_sum_mib,postgres_pss_sum_mib"));
        }

        void start() {
            jvms.forEach(Tracked::startJstat);
            thread = new Thread(() -> {
                while (running) {
                    sampleOnce();
                    try {
                        Thread.sleep(1000);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "rss-sampler");
            thread.setDaemon(true);
            thread.start();
        }

        synchronized void sampleOnce() {
            long seconds = Duration.between(t0, Instant.now()).toSeconds();
            StringBuilder line = new StringBuilder().append(seconds);
            for (Tracked t : jvms) {
                t.sample(seconds);
                line.append(',').append(t.lastRssKib / 1024).append(',').append(t.heap.committedKib / 1024);
            }
            postgres.sample(postmasterPid, seconds);
            line.append(',').append(postgres.lastRssKib / 1024).append(',').append(postgres.lastPssKib / 1024);
            csv.println(line);
            csv.flush();
        }

        synchronized String now() {
            StringBuilder sb = new StringBuilder();
            for (Tracked t : jvms) {
                sb.append(String.format(Locale.ROOT, "%s RSS %d MiB (peak %d), ", t.name, t.lastRssKib / 1024,
                        t.peakRssKib / 1024));
            }
            return sb.append(String.format(Locale.ROOT, "PostgreSQL RSS sum %d MiB / PSS sum %d MiB",
                    postgres.lastRssKib / 1024, postgres.lastPssKib / 1024)).toString();
        }

        void stop() {
            if (!running) {
                return;
            }
            running = false;
            if (thread != null) {
                thread.interrupt();
            }
            sampleOnce();
            jvms.forEach(Tracked::stopJstat);
            csv.close();
        }
    }

    /** The latest {@code jstat -gc} line of a JVM, in KiB. */
    private record Heap(long committedKib, long usedKib, long metaspaceKib) {
        static final Heap NONE = new Heap(0, 0, 0);
    }

    /** A JVM whose RSS is followed, with what it was made of at its peak. */
    private static final class Tracked {
        final String name;
        final long pid;
        final boolean jstat;
        volatile Heap heap = Heap.NONE;
        long lastRssKib;
        long peakRssKib;
        long peakAtSecond;
        Map<String, Long> peakStatus = Map.of();
        Heap peakHeap = Heap.NONE;
        long peakHeapRssKib;
        long[] heapRange;
        long maxHeapCommittedKib;
        long maxHeapUsedKib;
        Process jstatProcess;

        Tracked(String name, long pid, boolean jstat) {
            this.name = name;
            this.pid = pid;
            this.jstat = jstat;
        }

        void startJstat() {
            if (!jstat) {
                return;
            }
            heapRange = heapRange(pid);
            try {
                Path bin = Path.of(System.getProperty("java.home"), "bin", "jstat");
                jstatProcess = new ProcessBuilder(Files.isExecutable(bin) ? bin.toString() : "jstat", "-gc",
                        String.valueOf(pid), "1000").redirectErrorStream(true).start();
            } catch (IOException e) {
                System.err.println("no jstat (" + e.getMessage() + "): heap figures left out");
                return;
            }
            Thread reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(jstatProcess.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    String[] header = null;
                    String line;
                    while ((line = r.readLine()) != null) {
                        String[] cols = line.trim().split("\\s+");
                        if (cols.length > 0 && cols[0].equals("S0C")) {
                            header = cols;
                        } else if (header != null && cols.length == header.length) {
                            Map<String, Double> v = new HashMap<>();
                            for (int i = 0; i < cols.length; i++) {
                                try {
                                    v.put(header[i], Double.parseDouble(cols[i]));
                                } catch (NumberFormatException e) {
                                    v.put(header[i], 0.0);
                                }
                            }
                            long committed = (long) (v.get("S0C") + v.get("S1C") + v.get("EC") + v.get("OC"));
                            long used = (long) (v.get("S0U") + v.get("S1U") + v.get("EU") + v.get("OU"));
                            heap = new Heap(committed, used, (long) (v.getOrDefault("MC", 0.0)
                                    + v.getOrDefault("CCSC", 0.0)));
                        }
                    }
                } catch (IOException ignored) {
                    // jstat ended
                }
            }, "jstat-" + pid);
            reader.setDaemon(true);
            reader.start();
        }

        void stopJstat() {
            if (jstatProcess != null) {
                jstatProcess.destroy();
            }
        }

        void sample(long second) {
            Map<String, Long> status = status(pid);
            long rss = status.getOrDefault("VmRSS", 0L);
            lastRssKib = rss;
            Heap h = heap;
            maxHeapCommittedKib = Math.max(maxHeapCommittedKib, h.committedKib);
            maxHeapUsedKib = Math.max(maxHeapUsedKib, h.usedKib);
            if (rss > peakRssKib) {
                peakRssKib = rss;
                peakAtSecond = second;
                peakStatus = status;
                peakHeap = h;
                peakHeapRssKib = heapRange == null ? -1 : residentWithin(pid, heapRange);
            }
        }

        String describePeak() {
            long anon = peakStatus.getOrDefault("RssAnon", 0L);
            long file = peakStatus.getOrDefault("RssFile", 0L) + peakStatus.getOrDefault("RssShmem", 0L);
            return String.format(Locale.ROOT, "%s: peak RSS %d MiB at %d s = Java heap resident %d MiB (committed %d,"
                            + " used %d) + other anonymous %d MiB (metaspace %d of it; the rest ND4J's buffers, malloc,"
                            + " thread stacks, code cache, GC) + file-backed %d MiB (jars, native libraries); %d "
                            + "threads; whole run: heap committed at most %d MiB, used at most %d MiB", name,
                    peakRssKib / 1024, peakAtSecond, peakHeapRssKib / 1024, peakHeap.committedKib / 1024,
                    peakHeap.usedKib / 1024, (anon - peakHeapRssKib) / 1024, peakHeap.metaspaceKib / 1024,
                    file / 1024, peakStatus.getOrDefault("Threads", 0L), maxHeapCommittedKib / 1024,
                    maxHeapUsedKib / 1024);
        }
    }

    /**
     * The address range the JVM reserved for its Java heap, from {@code jcmd <pid> GC.heap_info} (the lowest and the
     * highest address in brackets on its generation lines); null when jcmd cannot tell.
     */
    static long[] heapRange(long pid) {
        try {
            Path bin = Path.of(System.getProperty("java.home"), "bin", "jcmd");
            Process p = new ProcessBuilder(Files.isExecutable(bin) ? bin.toString() : "jcmd", String.valueOf(pid),
                    "GC.heap_info").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor();
            long low = Long.MAX_VALUE;
            long high = 0;
            Matcher m = Pattern.compile("\\[(0x[0-9a-f]+)(?:, 0x[0-9a-f]+)*, (0x[0-9a-f]+)\\)").matcher(out);
            while (m.find()) {
                low = Math.min(low, Long.parseUnsignedLong(m.group(1).substring(2), 16));
                high = Math.max(high, Long.parseUnsignedLong(m.group(2).substring(2), 16));
            }
            return high > 0 ? new long[] {low, high} : null;
        } catch (IOException | InterruptedException e) {
            return null;
        }
    }

    /** Resident KiB of the mappings of {@code /proc/<pid>/smaps} inside {@code range}. */
    static long residentWithin(long pid, long[] range) {
        long kib = 0;
        boolean inside = false;
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "smaps"))) {
                int dash = line.indexOf('-');
                int space = line.indexOf(' ');
                if (dash > 0 && space > dash && line.substring(0, dash).matches("[0-9a-f]+")) {
                    long start = Long.parseUnsignedLong(line.substring(0, dash), 16);
                    long end = Long.parseUnsignedLong(line.substring(dash + 1, space), 16);
                    inside = start >= range[0] && end <= range[1];
                } else if (inside && line.startsWith("Rss:")) {
                    kib += Long.parseLong(line.substring(4).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException gone) {
            return -1;
        }
        return kib;
    }

    /** The postmaster (from its pid file) and its children, summed. */
    private static final class Postgres {
        long lastRssKib;
        long lastPssKib;
        long peakRssKib;
        long peakPssKib;
        long maxProcesses;

        void sample(Path pidFile, long second) {
            long rss = 0;
            long pss = 0;
            long n = 0;
            try {
                long postmaster = Long.parseLong(Files.readAllLines(pidFile).get(0).strip());
                List<Long> pids = new ArrayList<>();
                pids.add(postmaster);
                ProcessHandle.of(postmaster).ifPresent(h -> h.descendants().forEach(d -> pids.add(d.pid())));
                for (long pid : pids) {
                    Map<String, Long> s = status(pid);
                    if (s.containsKey("VmRSS")) {
                        rss += s.get("VmRSS");
                        pss += rollup(pid).getOrDefault("Pss", 0L);
                        n++;
                    }
                }
            } catch (IOException | RuntimeException notRunning) {
                return;
            }
            lastRssKib = rss;
            lastPssKib = pss;
            peakRssKib = Math.max(peakRssKib, rss);
            peakPssKib = Math.max(peakPssKib, pss);
            maxProcesses = Math.max(maxProcesses, n);
        }

        String describePeak() {
            return String.format(Locale.ROOT, "PostgreSQL: peak RSS summed over its processes %d MiB (shared buffers "
                    + "counted once per process), peak PSS summed %d MiB; up to %d processes", peakRssKib / 1024,
                    peakPssKib / 1024, maxProcesses);
        }
    }

    /** The {@code kB} fields (and Threads) of {@code /proc/<pid>/status}; empty once the process is gone. */
    static Map<String, Long> status(long pid) {
        return kibFields(Path.of("/proc", String.valueOf(pid), "status"));
    }

    static Map<String, Long> rollup(long pid) {
        return kibFields(Path.of("/proc", String.valueOf(pid), "smaps_rollup"));
    }

    private static Map<String, Long> kibFields(Path file) {
        Map<String, Long> fields = new HashMap<>();
        try {
            for (String line : Files.readAllLines(file)) {
                int colon = line.indexOf(':');
                if (colon < 0) {
                    continue;
                }
                String[] value = line.substring(colon + 1).trim().split("\\s+");
                if (value.length >= 1 && value[0].matches("\\d+")
                        && (value.length == 1 || value[1].equals("kB"))) {
                    fields.put(line.substring(0, colon).trim(), Long.parseLong(value[0]));
                }
            }
        } catch (IOException gone) {
            // the process exited
        }
        return fields;
    }

    private static long memTotalKib() {
        return kibFields(Path.of("/proc/meminfo")).getOrDefault("MemTotal", 0L);
    }

    private static String env(String name) {
        String v = System.getenv(name);
        return v == null ? "(unset)" : "'" + v + "'";
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}

package com.lstmautoml.core.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.lstmautoml.core.data.CsvParser;
import com.lstmautoml.core.data.Table;
import com.lstmautoml.core.training.EpochVerdict;
import com.lstmautoml.core.training.LstmTrainer;
import com.lstmautoml.core.training.NativeMemory;
import com.lstmautoml.core.data.SplitFractions;
import com.lstmautoml.core.training.TrainingJob;
import com.lstmautoml.core.training.TrainingResult;
import com.lstmautoml.core.training.TrainingTimes;
import com.lstmautoml.core.trial.TrialParams;

import java.io.IOException;
import java.io.StringReader;
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
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Time to quality against a plain PyTorch loop (issue "Faster to a good model than a hand-written PyTorch loop"). In
 * one run on one machine, for each seed, a random search of 40 trials on AirPassengers with the anchor's space,
 * split, preprocessing, early stopping (maxEpochs 100, patience 10, no minimum) and one-step validation RMSE:
 * <ol>
 *   <li><b>torch</b>: {@code ../shared/bench/torch_anchor.py} with Debian's {@code python3-torch}, one thread
 *       (skipped with a note when it is missing);</li>
 *   <li><b>service, one worker</b>: the packaged service ({@code backend/target/quarkus-app}) on its embedded
 *       PostgreSQL with {@code AUTOML_WORKER_THREADS=1}, strategy random, no pruner, parallelism 1: the loop's
 *       conditions;</li>
 *   <li><b>service, defaults</b>: the same service with its default arrangement of workers (one per core) and the
 *       experiment's default parallelism (2); strategy and pruner as {@code --default-strategy} and
 *       {@code --default-pruner} say (the product's defaults unless given);</li>
 *   <li><b>bare DL4J</b>: our trainer ({@link LstmTrainer}) in a plain loop in this JVM, no database, on exactly the
 *       one-worker run's trials (their model configurations, parameters and seed), so it trains the same epochs: the
 *       service's overhead per epoch is the difference.</li>
 * </ol>
 * For each it prints the seconds to the first trial with validation RMSE &le; 13.34 (SARIMA's, FORECASTING.md), the
 * whole search's seconds and the seconds per epoch, and the breakdown of the trainer's time ({@link TrainingTimes}:
 * fit, validation pass, epoch reports, checkpoints, setup and finish) from the service's log and the bare loop.
 * Seconds for the service are measured from the experiment's {@code createdAt} to each trial's {@code finishedAt}.
 *
 * <pre>mvn -B -q package -DskipTests        # the service's jar
 * OMP_NUM_THREADS=1 mvn -B -q -pl core exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=com.lstmautoml.core.bench.TimeToQualityBench [-Dexec.args="--seeds 1,2,3 --out /tmp/ttq"]</pre>
 *
 * Other arguments: {@code --parts torch,one,defaults,bare}, {@code --trials 40}, {@code --default-strategy tpe},
 * {@code --default-pruner asha}, {@code --jar PATH} (another build's {@code quarkus-run.jar}, e.g. an older commit's, to
 * measure before and after). Not a test: nothing is asserted, it only prints figures (and writes them to
 * {@code --out}).
 */
public final class TimeToQualityBench {

    static final double BAR = 13.34;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = "lsa_ttq-bench-token-0123456789abcdef";
    private static final Pattern TIMES = Pattern.compile(
            "trial (\\d+) .*?time: fit ([0-9.]+) s, validation ([0-9.]+) s, epoch reports ([0-9.]+) s, "
                    + "checkpoints ([0-9.]+) s, setup ([0-9.]+) s, finish ([0-9.]+) s, (\\d+) epochs");

    /** One search's figures. */
    record Search(String who, int seed, int trials, double toBar, double whole, int epochs, double trialSeconds,
                  double bestVal, TrainingTimes times) {
        double secondsPerEpoch() {
            return trialSeconds / Math.max(1, epochs);
        }
    }

    public static void main(String[] args) throws Exception {
        // as a worker process does before ND4J loads: JavaCPP's per-allocation RSS check off, the limit per epoch
        NativeMemory.applyDefaults(NativeMemory.WORKER_OFF_HEAP);
        Map<String, String> a = options(args);
        Path root = repoRoot();
        List<Integer> seeds = Arrays.stream(a.getOrDefault("seeds", "1,2,3").split(","))
                .map(String::trim).map(Integer::valueOf).toList();
        int trials = Integer.parseInt(a.getOrDefault("trials", "40"));
        List<String> parts = List.of(a.getOrDefault("parts", "torch,one,defaults,bare").split(","));
        Path out = Path.of(a.getOrDefault("out", "target/time-to-quality"));
        Path jar = Path.of(a.getOrDefault("jar", root.resolve("backend/target/quarkus-app/quarkus-run.jar")
                .toString())).toAbsolutePath();
        Files.createDirectories(out);
        System.out.printf(Locale.ROOT, "cores %d, OMP_NUM_THREADS=%s, seeds %s, %d trials, bar: validation RMSE <= %s%n",
                Runtime.getRuntime().availableProcessors(), System.getenv("OMP_NUM_THREADS"), seeds, trials, BAR);

        List<Search> results = new ArrayList<>();
        if (parts.contains("torch")) {
            results.addAll(torch(root, seeds, trials, out.resolve("torch")));
        }
        Map<Integer, JsonNode> oneWorkerTrials = new LinkedHashMap<>();
        if (parts.contains("one")) {
            results.addAll(service(root, jar, "service, 1 worker, random", "1", "random", "none", 1, seeds, trials,
                    out.resolve("one"), oneWorkerTrials));
        }
        if (parts.contains("defaults")) {
            String strategy = a.get("default-strategy");
            String pruner = a.get("default-pruner");
            results.addAll(service(root, jar, "service, defaults" + (strategy == null ? "" : ", " + strategy)
                            + (pruner == null ? "" : ", " + pruner), null, strategy, pruner, null, seeds, trials,
                    out.resolve("defaults"), null));
        }
        if (parts.contains("bare") && !oneWorkerTrials.isEmpty()) {
            results.addAll(bare(root, oneWorkerTrials));
        }
        print(results);
        Files.writeString(out.resolve("summary.json"), JSON.writerWithDefaultPrettyPrinter()
                .writeValueAsString(results));
    }

    // ------------------------------------------------------------------ torch

    private static List<Search> torch(Path root, List<Integer> seeds, int trials, Path out) throws Exception {
        Path script = root.resolve("../shared/bench/torch_anchor.py").normalize();
        Process probe = new ProcessBuilder("/usr/bin/python3", "-c", "import torch").redirectErrorStream(true)
                .start();
        if (!Files.exists(script) || !probe.waitFor(60, TimeUnit.SECONDS) || probe.exitValue() != 0) {
            System.out.println("torch: SKIPPED, " + (Files.exists(script) ? "Debian's python3-torch is missing "
                    + "(apt-get install python3-torch)" : script + " is missing"));
            return List.of();
        }
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/python3", script.toString(), "--trials",
                String.valueOf(trials), "--timing-epochs", "2", "--out", out.toString(), "--seeds"));
        seeds.forEach(s -> cmd.add(String.valueOf(s)));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(out.resolveSibling("torch.log").toFile());
        pb.environment().put("OMP_NUM_THREADS", "1");
        System.out.println("torch: " + String.join(" ", cmd));
        int status = pb.start().waitFor();
        if (status != 0) {
            throw new IllegalStateException("torch_anchor.py exited " + status + "; see " + out + ".log");
        }
        JsonNode summary = JSON.readTree(out.resolve("summary.json").toFile());
        List<Search> r = new ArrayList<>();
        for (JsonNode s : summary.get("searches")) {
            int seed = s.get("seed").asInt();
            double inTrials = 0;
            for (String line : Files.readAllLines(out.resolve("trials.jsonl"))) {
                JsonNode t = JSON.readTree(line);
                if (t.get("seed").asLong() / 1000 == seed) {
                    inTrials += t.get("seconds").asDouble();
                }
            }
            r.add(new Search("torch loop", seed, s.get("trials").asInt(),
                    s.get("hit_seconds").isNull() ? Double.NaN : s.get("hit_seconds").asDouble(),
                    s.get("total_seconds").asDouble(), s.get("total_epochs").asInt(), inTrials,
                    s.get("best_val").asDouble(), TrainingTimes.NONE));
        }
        return r;
    }

    // ------------------------------------------------------------------ the service

    private static List<Search> service(Path root, Path jar, String who, String workerThreads, String strategy,
                                        String pruner, Integer parallelism, List<Integer> seeds, int trials, Path out,
                                        Map<Integer, JsonNode> keepTrials) throws Exception {
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: build it first with mvn -B -q package -DskipTests");
        }
        Path data = Files.createTempDirectory("ttq-data");
        Files.createDirectories(out);
        Path log = out.resolve("service.log");
        int http = freePort();
        List<String> cmd = List.of("java", "-Xmx768m", "-jar", jar.toString());
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(root.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> env = pb.environment();
        env.put("OMP_NUM_THREADS", "1");
        env.put("AUTOML_DATA_DIR", data.toString());
        env.put("QUARKUS_HTTP_PORT", String.valueOf(http));
        env.put("AUTOML_EMBEDDED_PORT", String.valueOf(freePort()));
        env.put("AUTOML_SECURITY_ADMIN_TOKEN", TOKEN);
        env.put("AUTOML_SECURITY_ADMIN_PASSWORD", "Bench-pass-2026-ttq");
        env.remove("AUTOML_WORKER_THREADS");
        if (workerThreads != null) {
            env.put("AUTOML_WORKER_THREADS", workerThreads);
        }
        Process service = pb.start();
        Api api = new Api("http://127.0.0.1:" + http);
        List<Search> r = new ArrayList<>();
        try {
            api.awaitUp(service, Duration.ofMinutes(3));
            String csv = Files.readString(root.resolve("../shared/data/airline-passengers.csv").normalize());
            api.send("POST", "/api/datasets?name=air", "text/csv", csv, 201);
            for (int seed : seeds) {
                ObjectNode body = experiment(who, seed, trials, strategy, pruner, parallelism);
                JsonNode created = JSON.readTree(api.send("POST", "/api/experiments", "application/json",
                        body.toString(), 201));
                long id = created.get("id").asLong();
                Instant createdAt = Instant.parse(created.get("createdAt").asText());
                JsonNode e;
                do {
                    Thread.sleep(1000);
                    e = JSON.readTree(api.send("GET", "/api/experiments/" + id, null, null, 200));
                } while (!e.get("state").asText().equals("COMPLETED"));
                JsonNode page = JSON.readTree(api.send("GET", "/api/experiments/" + id + "/trials?sort=number&size="
                        + trials, null, null, 200));
                JsonNode items = page.get("items");
                if (keepTrials != null) {
                    List<JsonNode> detailed = new ArrayList<>();
                    for (JsonNode t : items) {
                        detailed.add(JSON.readTree(api.send("GET", "/api/trials/" + t.get("id").asLong(), null, null,
                                200)));
                    }
                    keepTrials.put(seed, JSON.valueToTree(detailed));
                }
                Search s = summarise(who, seed, createdAt, items, timesFromLog(log, items));
                System.out.println(line(s));
                r.add(s);
            }
            System.out.printf(Locale.ROOT, "%s: resident memory after %d searches %s%n", who, seeds.size(),
                    rss(service.pid()));
        } finally {
            service.destroy();
            if (!service.waitFor(60, TimeUnit.SECONDS)) {
                service.destroyForcibly();
            }
        }
        return r;
    }

    private static ObjectNode experiment(String who, int seed, int trials, String strategy, String pruner,
                                         Integer parallelism) throws IOException {
        ObjectNode b = (ObjectNode) JSON.readTree("""
                {"dataset": "air", "target": "Passengers", "maxEpochs": 100, "minEpochs": 1, "patience": 10,
                 "split": {"train": 0.70, "validation": 0.15}, "seasonality": 12,
                 "searchSpace": {
                   "units": {"type": "int", "min": 8, "max": 64, "step": 8},
                   "layers": {"type": "int", "min": 1, "max": 2},
                   "lookBack": {"type": "int", "min": 1, "max": 12},
                   "dropout": {"type": "float", "min": 0.0, "max": 0.3, "step": 0.1},
                   "batchSize": {"type": "choice", "values": [16, 32]},
                   "learningRate": {"type": "float", "min": 0.001, "max": 0.01, "log": true},
                   "transform": {"type": "choice", "values": ["none", "log"]},
                   "difference": {"type": "choice", "values": [0, 1, 12]},
                   "scaler": {"type": "choice", "values": ["minmax", "standard"]}}}""");
        b.put("name", who.replace(',', ' ') + " seed " + seed);
        b.put("seed", seed);
        b.put("maxTrials", trials);
        if (strategy != null) {
            b.put("strategy", strategy);
        }
        if (pruner != null) {
            b.put("pruner", pruner);
        }
        if (parallelism != null) {
            b.put("parallelism", parallelism);
        }
        return b;
    }

    private static Search summarise(String who, int seed, Instant createdAt, JsonNode trials,
                                    Map<Long, TrainingTimes> times) {
        double toBar = Double.NaN;
        double whole = 0;
        double inTrials = 0;
        double best = Double.POSITIVE_INFINITY;
        int epochs = 0;
        TrainingTimes sum = TrainingTimes.NONE;
        for (JsonNode t : trials) {
            if (t.get("finishedAt").isNull()) {
                continue;
            }
            double at = Duration.between(createdAt, Instant.parse(t.get("finishedAt").asText())).toMillis() / 1e3;
            whole = Math.max(whole, at);
            epochs += t.path("epochsRun").asInt(0);
            inTrials += t.path("durationSeconds").asDouble(0);
            double val = t.path("valRmse").asDouble(Double.NaN);
            if (val <= BAR && !(toBar <= at)) {
                toBar = at;
            }
            if (val < best) {
                best = val;
            }
            sum = sum.plus(times.getOrDefault(t.get("id").asLong(), TrainingTimes.NONE));
        }
        return new Search(who, seed, trials.size(), toBar, whole, epochs, inTrials, best, sum);
    }

    /** The trainer's breakdown of each trial, from the worker's "trial N ... time: ..." log lines. */
    private static Map<Long, TrainingTimes> timesFromLog(Path log, JsonNode trials) throws IOException {
        Map<Long, TrainingTimes> byId = new LinkedHashMap<>();
        for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
            Matcher m = TIMES.matcher(line);
            if (m.find()) {
                byId.put(Long.parseLong(m.group(1)), new TrainingTimes(d(m, 6), d(m, 2), d(m, 3), d(m, 4), d(m, 5),
                        d(m, 7), Integer.parseInt(m.group(8))));
            }
        }
        byId.keySet().retainAll(idsOf(trials));
        return byId;
    }

    private static List<Long> idsOf(JsonNode trials) {
        List<Long> ids = new ArrayList<>();
        trials.forEach(t -> ids.add(t.get("id").asLong()));
        return ids;
    }

    private static double d(Matcher m, int group) {
        return Double.parseDouble(m.group(group));
    }

    // ------------------------------------------------------------------ bare DL4J

    private static List<Search> bare(Path root, Map<Integer, JsonNode> oneWorkerTrials) throws Exception {
        Table air = new CsvParser().parse(new StringReader(Files.readString(
                root.resolve("../shared/data/airline-passengers.csv").normalize())));
        List<Search> r = new ArrayList<>();
        for (Map.Entry<Integer, JsonNode> e : oneWorkerTrials.entrySet()) {
            int seed = e.getKey();
            long start = System.nanoTime();
            double toBar = Double.NaN;
            double best = Double.POSITIVE_INFINITY;
            int epochs = 0;
            int same = 0;
            double inTrials = 0;
            TrainingTimes sum = TrainingTimes.NONE;
            for (JsonNode detail : e.getValue()) {
                JsonNode t = detail.get("trial");
                JsonNode p = t.get("params");
                TrialParams params = new TrialParams(p.get("units").asInt(), p.get("layers").asInt(),
                        p.get("lookBack").asInt(), p.get("dropout").asDouble(), p.get("batchSize").asInt(),
                        p.get("learningRate").asDouble()).withPreprocessing(p.get("transform").asText(),
                        p.get("difference").asInt(), p.get("scaler").asText());
                TrainingJob job = new TrainingJob(air, "Passengers", List.of(), params,
                        detail.get("modelConfig").toString(), SplitFractions.DEFAULT, 100, 1, 10, seed);
                long t0 = System.nanoTime();
                TrainingResult res = new LstmTrainer().train(job, (ep, tl, vl, rmse) -> EpochVerdict.CONTINUE);
                inTrials += (System.nanoTime() - t0) / 1e9;
                double at = (System.nanoTime() - start) / 1e9;
                epochs += res.epochsRun();
                same += res.epochsRun() == t.get("epochsRun").asInt() ? 1 : 0;
                sum = sum.plus(res.times());
                if (res.valRmse() <= BAR && Double.isNaN(toBar)) {
                    toBar = at;
                }
                best = Math.min(best, res.valRmse());
            }
            Search s = new Search("bare DL4J loop", seed, e.getValue().size(), toBar,
                    (System.nanoTime() - start) / 1e9, epochs, inTrials, best, sum);
            System.out.println(line(s) + String.format(Locale.ROOT, " (%d of %d trials trained the service's epochs)",
                    same, e.getValue().size()));
            r.add(s);
        }
        return r;
    }

    // ------------------------------------------------------------------ output

    private static String line(Search s) {
        return String.format(Locale.ROOT, "%-34s seed %d: to <= %.2f %7.1f s, whole %7.1f s, %5d epochs, %.4f s/epoch"
                        + " in trials, best val %.2f", s.who(), s.seed(), BAR, s.toBar(), s.whole(), s.epochs(),
                s.secondsPerEpoch(), s.bestVal());
    }

    private static void print(List<Search> results) {
        System.out.println();
        System.out.println("| search | seeds | to val RMSE <= 13.34 (s) | whole search (s) | s/epoch in trials"
                + " | epochs | best val RMSE |");
        System.out.println("|---|---|---|---|---|---|---|");
        Map<String, List<Search>> byWho = new LinkedHashMap<>();
        results.forEach(s -> byWho.computeIfAbsent(s.who(), k -> new ArrayList<>()).add(s));
        for (Map.Entry<String, List<Search>> e : byWho.entrySet()) {
            List<Search> l = e.getValue();
            System.out.printf(Locale.ROOT, "| %s | %s | %s (median %.1f) | %s (median %.1f) | %s | %s | %s |%n",
                    e.getKey(), join(l, s -> String.valueOf(s.seed())), join(l, s -> fmt(s.toBar())),
                    median(l.stream().mapToDouble(Search::toBar).toArray()), join(l, s -> fmt(s.whole())),
                    median(l.stream().mapToDouble(Search::whole).toArray()),
                    join(l, s -> String.format(Locale.ROOT, "%.4f", s.secondsPerEpoch())),
                    join(l, s -> String.valueOf(s.epochs())), join(l, s -> String.format(Locale.ROOT, "%.2f",
                            s.bestVal())));
        }
        System.out.println();
        System.out.println("Where the trainer's time went, ms per epoch over all seeds (fit = forward, backward, update):");
        System.out.println("| search | fit | validation pass | epoch reports | checkpoints | setup + finish | trainer total"
                + " | trial (claim to report) |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        for (Map.Entry<String, List<Search>> e : byWho.entrySet()) {
            TrainingTimes t = e.getValue().stream().map(Search::times).reduce(TrainingTimes.NONE,
                    TrainingTimes::plus);
            if (t.epochs() == 0) {
                continue;
            }
            double ms = 1000.0 / t.epochs();
            double trial = e.getValue().stream().mapToDouble(Search::trialSeconds).sum() * 1000.0
                    / e.getValue().stream().mapToInt(Search::epochs).sum();
            System.out.printf(Locale.ROOT, "| %s | %.1f | %.1f | %.1f | %.2f | %.1f | %.1f | %.1f |%n", e.getKey(),
                    t.fit() * ms, t.validation() * ms, t.epochReports() * ms, t.checkpoints() * ms,
                    (t.setup() + t.finish()) * ms, t.total() * ms, trial);
        }
    }

    private static String join(List<Search> l, java.util.function.Function<Search, String> f) {
        return String.join(" / ", l.stream().map(f).toList());
    }

    private static String fmt(double v) {
        return Double.isNaN(v) ? "never" : String.format(Locale.ROOT, "%.1f", v);
    }

    static double median(double[] v) {
        double[] s = Arrays.stream(v).map(x -> Double.isNaN(x) ? Double.POSITIVE_INFINITY : x).sorted().toArray();
        if (s.length == 0) {
            return Double.NaN;
        }
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    // ------------------------------------------------------------------ plumbing

    private static String rss(long pid) {
        try {
            return Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream()
                    .filter(l -> l.startsWith("VmRSS")).findFirst().orElse("VmRSS unknown").replaceAll("\\s+", " ");
        } catch (IOException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --name value pairs, got " + Arrays.toString(args));
            }
            m.put(args[i].substring(2), args[i + 1]);
        }
        return m;
    }

    /** The repository's root: the first directory up from here that holds {@code backend/}. */
    private static Path repoRoot() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.isDirectory(p.resolve("backend"))) {
            p = p.getParent();
        }
        if (p == null) {
            throw new IllegalStateException("run it from the repository (no backend/ above " + Path.of("")
                    .toAbsolutePath() + ")");
        }
        return p;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** The REST API with the bench's admin token. */
    private record Api(String base) {
        private static final HttpClient HTTP = HttpClient.newHttpClient();

        String send(String method, String path, String type, String body, int expected) throws Exception {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                    .header("Authorization", "Bearer " + TOKEN).timeout(Duration.ofSeconds(60));
            if (body == null) {
                b.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                b.header("Content-Type", type).method(method, HttpRequest.BodyPublishers.ofString(body));
            }
            HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != expected) {
                throw new IllegalStateException(method + " " + path + ": " + r.statusCode() + " " + r.body());
            }
            return r.body();
        }

        void awaitUp(Process service, Duration limit) throws Exception {
            long deadline = System.nanoTime() + limit.toNanos();
            while (System.nanoTime() < deadline) {
                if (!service.isAlive()) {
                    throw new IllegalStateException("the service exited with " + service.exitValue());
                }
                try {
                    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/q/health"))
                            .build(), HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() == 200) {
                        return;
                    }
                } catch (IOException notYet) {
                    // not listening yet
                }
                Thread.sleep(500);
            }
            throw new IllegalStateException("the service did not answer /q/health within " + limit);
        }
    }
}

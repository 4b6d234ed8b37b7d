package com.lstmautoml.backend.bench;

import com.lstmautoml.core.baselines.HoltWintersBaseline;
import com.lstmautoml.core.baselines.Baseline;
import com.lstmautoml.core.data.Preprocessing;
import com.lstmautoml.core.data.Table;
import com.lstmautoml.core.forecast.RecursiveForecaster;
import com.lstmautoml.core.training.OneStepForecasts;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static com.lstmautoml.backend.testing.Api.ADMIN_TOKEN;
import static com.lstmautoml.backend.testing.Api.awaitExperiment;
import static com.lstmautoml.backend.testing.Api.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The promoted model at work, measured (issue "The promoted model at work", targets): a searched AirPassengers
 * experiment as a new user starts it (TPE, the series' default space), promoted with refit; then
 * <ul>
 *   <li>each model's test RMSE one step ahead and per horizon step beside seasonal naive and Holt-Winters, and the
 *   80 % / 95 % bands' coverage on the test rows against nominal;</li>
 *   <li>the refit champion's 12-step test RMSE recursive from the last validation origin against Holt-Winters' from
 *   the same origin (fitted on the training rows, as the experiment's baseline, and refitted on train + validation
 *   like the champion);</li>
 *   <li>forecast latency over HTTP, horizon 12, 16 concurrent clients, warm model cache: p50, p99, requests/s, for the
 *   stored series and for a request that appends one history row (computed every time).</li>
 * </ul>
 * Prints the figures and asserts only that the calls answered. Not part of the normal test run (outside surefire's
 * includes); run it with {@code mvn -B -pl db-migrations,core,worker,web-ui,backend -am test -Dtest=ModelBench
 * -Dsurefire.failIfNoSpecifiedTests=false [-Dbench.trials=40] [-Dbench.requests=100]}.
 */
@QuarkusTest
class ModelBench {

    static final int TRIALS = Integer.getInteger("bench.trials", 40);
    static final int CLIENTS = 16;
    static final int REQUESTS = Integer.getInteger("bench.requests", 100);

    @Inject
    AgroalDataSource dataSource;

    @TestHTTPResource("/")
    URL base;

    @Test
    void promotedModelAtWork() throws Exception {
        com.lstmautoml.backend.testing.RestAssuredJson.useDoubles();
        String name = "bench-model-" + System.nanoTime();
        long t0 = System.nanoTime();
        long id = ((Number) given().contentType("application/json").body("{\"name\":\"" + name + "\","
                        + "\"dataset\":\"airline-passengers\",\"target\":\"Passengers\",\"strategy\":\"tpe\","
                        + "\"maxTrials\":" + TRIALS + "}")
                .post("/api/experiments").then().statusCode(201).extract().jsonPath().getLong("id")).longValue();
        awaitExperiment(id, x -> "COMPLETED".equals(x.getString("state")), Duration.ofMinutes(30));
        double searchS = (System.nanoTime() - t0) / 1e9;
        given().contentType("application/json").body("{\"model\":\"" + name + "\"}")
                .post("/api/experiments/" + id + "/promote").then().statusCode(200);
        String path = "/api/models/" + name + "/versions/1";
        long t1 = System.nanoTime();
        JsonPath v = com.lstmautoml.backend.testing.Api.await(path, x -> "refit".equals(x.getString("serving"))
                || "FAILED".equals(x.getString("refit.state")), Duration.ofMinutes(10));
        double refitS = (System.nanoTime() - t1) / 1e9;
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "AirPassengers, tpe %d trials: search %.0f s, refit + scoring %.1f s;"
                        + " promoted trial #%d params %s, refit %d epochs%n", TRIALS, searchS, refitS,
                v.getLong("trialId"), v.getMap("params"), v.getInt("refit.epochs")));
        for (int ev = 0; ev < v.getList("evaluations").size(); ev++) {
            String at = "evaluations[" + ev + "]";
            out.append(String.format(Locale.ROOT, "  %-5s model: test RMSE %.2f (one step); per step RMSE",
                    v.getString(at + ".model"), v.getDouble(at + ".testRmse")));
            List<Map<String, Object>> steps = v.getList(at + ".horizon");
            for (Map<String, Object> st : steps) {
                @SuppressWarnings("unchecked")
                Map<String, Object> b = (Map<String, Object>) st.get("baselines");
                out.append(String.format(Locale.ROOT, " %s:%.1f/%.1f/%.1f", st.get("step"),
                        ((Number) st.get("rmse")).doubleValue(), ((Number) b.get("seasonal naive")).doubleValue(),
                        ((Number) b.get("Holt-Winters")).doubleValue()));
            }
            out.append(" (model/seasonal naive/Holt-Winters); coverage");
            for (Map<String, Object> c : v.<Map<String, Object>>getList(at + ".coverage")) {
                out.append(String.format(Locale.ROOT, " %s%%: %s of %s", c.get("level"),
                        c.get("observed") == null ? "-" : String.format(Locale.ROOT, "%.1f%%",
                                100 * ((Number) c.get("observed")).doubleValue()), c.get("intervals")));
            }
            out.append('\n');
        }
        out.append(twelveSteps(v.getLong("trialId"))).append('\n');
        out.append(latency(name, "{\"horizon\":12}", "stored series", 1)).append('\n');
        out.append(latency(name, "{\"horizon\":12}", "stored series", CLIENTS)).append('\n');
        out.append(latency(name, "{\"horizon\":12,\"history\":[{\"time\":\"1961-01\",\"Passengers\":417}]}",
                "one appended row", 1)).append('\n');
        out.append(latency(name, "{\"horizon\":12,\"history\":[{\"time\":\"1961-01\",\"Passengers\":417}]}",
                "one appended row", CLIENTS)).append('\n');
        System.out.println("ModelBench\n" + out);
    }

    /** The champion (refit) from the last validation origin, 12 steps, against Holt-Winters from the same origin. */
    private String twelveSteps(long trialId) throws Exception {
        byte[] zip;
        String prepJson;
        int seasonality;
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT m.model_zip, m.preprocessing::text, e.seasonality"
                     + " FROM model_version v JOIN trial_model m ON m.trial_id = v.refit_trial_id"
                     + " JOIN experiment e ON e.id = v.experiment_id WHERE v.trial_id = ?")) {
            ps.setLong(1, trialId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return "  no refit model: 12-step comparison skipped";
                }
                zip = rs.getBytes(1);
                prepJson = rs.getString(2);
                seasonality = rs.getInt(3);
            }
        }
        Table table = com.lstmautoml.backend.testing.StoredSeries.airPassengers(dataSource);
        Preprocessing prep = Preprocessing.fromJson(prepJson);
        int origin = prep.rows().test().from();
        int h = Math.min(12, table.rows() - origin);
        double[] y = table.column("Passengers");
        Map<String, double[]> cols = new LinkedHashMap<>();
        cols.put("Passengers", Arrays.copyOf(y, origin));
        Table history = new Table(table.timeColumn(), table.times().subList(0, origin), cols);
        double[] lstm = RecursiveForecaster.forecast(OneStepForecasts.restore(zip), prep, history, Map.of(), h);
        int trainEnd = (int) Math.floor(table.rows() * prep.split().train() + 1e-9);
        Baseline.Fitted hwTrain = new HoltWintersBaseline().fit(y, trainEnd, seasonality);
        Baseline.Fitted hwRefit = new HoltWintersBaseline().fit(y, origin, seasonality);
        double[] a = hwTrain.ahead(y, origin, h);
        double[] b = hwRefit.ahead(y, origin, h);
        return String.format(Locale.ROOT, "  12 steps from the last validation origin (rows %d..%d): refit champion"
                        + " RMSE %.2f; Holt-Winters fitted on train %.2f (%s), refitted on train + validation %.2f (%s)",
                origin, origin + h - 1, rmse(y, origin, lstm), rmse(y, origin, a), hwTrain.description(),
                rmse(y, origin, b), hwRefit.description());
    }

    private static double rmse(double[] y, int origin, double[] f) {
        double ss = 0;
        for (int k = 0; k < f.length; k++) {
            ss += Math.pow(y[origin + k] - f[k], 2);
        }
        return Math.sqrt(ss / f.length);
    }

    /** {@code clients} threads each send {@link #REQUESTS} forecasts after a warm-up; p50, p99, requests/s. */
    private String latency(String model, String body, String what, int clients) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "api/models/" + model + "/forecast"))
                .header("Authorization", "Bearer " + ADMIN_TOKEN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        for (int i = 0; i < 50; i++) {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        }
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<long[]>> futures = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            futures.add(pool.submit(() -> {
                HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                long[] nanos = new long[REQUESTS];
                start.await();
                for (int i = 0; i < REQUESTS; i++) {
                    long s = System.nanoTime();
                    HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
                    nanos[i] = System.nanoTime() - s;
                    if (r.statusCode() != 200) {
                        throw new IllegalStateException(r.statusCode() + " " + r.body());
                    }
                }
                return nanos;
            }));
        }
        long wall = System.nanoTime();
        start.countDown();
        List<Long> all = new ArrayList<>();
        for (Future<long[]> f : futures) {
            for (long n : f.get()) {
                all.add(n);
            }
        }
        double seconds = (System.nanoTime() - wall) / 1e9;
        pool.shutdown();
        Collections.sort(all);
        return String.format(Locale.ROOT, "  forecast latency, horizon 12, %s, %d clients x %d requests (warm):"
                        + " p50 %.1f ms, p99 %.1f ms, %.0f requests/s", what, clients, REQUESTS,
                all.get(all.size() / 2) / 1e6, all.get((int) Math.ceil(all.size() * 0.99) - 1) / 1e6,
                all.size() / seconds);
    }
}

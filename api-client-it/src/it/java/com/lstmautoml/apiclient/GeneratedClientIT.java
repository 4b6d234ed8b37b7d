package com.lstmautoml.apiclient;

import com.lstmautoml.client.ApiClient;
import com.lstmautoml.client.ApiException;
import com.lstmautoml.client.ApiResponse;
import com.lstmautoml.client.api.DatasetsApi;
import com.lstmautoml.client.api.ExperimentsApi;
import com.lstmautoml.client.api.ModelsApi;
import com.lstmautoml.client.model.DatasetView;
import com.lstmautoml.client.model.ExperimentRequest;
import com.lstmautoml.client.model.ExperimentView;
import com.lstmautoml.client.model.ForecastAnswer;
import com.lstmautoml.client.model.ForecastRequest;
import com.lstmautoml.client.model.PageTrialView;
import com.lstmautoml.client.model.Problem;
import com.lstmautoml.client.model.PromoteRequest;
import com.lstmautoml.client.model.SearchParameter;
import com.lstmautoml.client.model.TrialView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A whole run through the Java client openapi-generator makes of the API description (java generator, native
 * library; generated and compiled by this module's build), against the packaged service on an embedded PostgreSQL:
 * upload a CSV, create a tiny experiment, wait for it, rank its trials, promote the best, forecast with the registered
 * model; and an error answer read as the described problem.
 */
class GeneratedClientIT {

    private static final String TOKEN = "lsa_generated-client-test-admin-token";

    private Process service;

    @AfterEach
    void stop() throws Exception {
        if (service != null && service.isAlive()) {
            service.destroy(); // SIGTERM: the shutdown hook stops the embedded PostgreSQL
            if (!service.waitFor(60, TimeUnit.SECONDS)) {
                service.destroyForcibly().waitFor();
            }
        }
    }

    @Test
    void theGeneratedClientDrivesAWholeRun(@TempDir Path dataDir) throws Exception {
        int port = freePort();
        service = start(dataDir, port);
        ApiClient client = new ApiClient();
        client.updateBaseUri("http://localhost:" + port);
        client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + TOKEN));
        DatasetsApi datasets = new DatasetsApi(client);
        ExperimentsApi experiments = new ExperimentsApi(client);
        ModelsApi models = new ModelsApi(client);

        DatasetView dataset = datasets.uploadDataset(monthlyCsv(96), "client-series", null);
        // the CSV body became a dataset with its time column and its numeric column
        assertThat(dataset.getRows()).isEqualTo(96);
        assertThat(dataset.getTimeColumn()).isEqualTo("Month");
        assertThat(dataset.getColumns()).extracting(c -> c.getName()).containsExactly("Value");

        ExperimentView created = experiments.createExperiment(new ExperimentRequest()
                .name("client-run").dataset("client-series").target("Value")
                .strategy(ExperimentRequest.StrategyEnum.RANDOM).maxTrials(1).parallelism(1).maxEpochs(2).seed(7L)
                .searchSpace(Map.of(
                        "units", choice(4), "layers", choice(1), "lookBack", choice(3), "batchSize", choice(32),
                        "transform", choice("none"), "difference", choice(0), "scaler", choice("minmax"))));
        // the typed request was read as sent
        assertThat(created.getMaxTrials()).isEqualTo(1);
        assertThat(created.getMaxEpochs()).isEqualTo(2);
        assertThat(created.getSeasonality()).isEqualTo(12);

        ExperimentView done = awaitCompleted(experiments, created.getId(), Duration.ofMinutes(3));
        // its one trial completed
        assertThat(done.getTrialCounts()).containsEntry("COMPLETED", 1L);

        PageTrialView ranking = experiments.listTrials(created.getId(), 0, 10, "valRmse");
        // the ranking has the trial with its validation RMSE and free-form params
        assertThat(ranking.getTotal()).isEqualTo(1L);
        TrialView best = ranking.getItems().get(0);
        assertThat(best.getState()).isEqualTo("COMPLETED");
        assertThat(best.getValRmse()).isPositive();
        assertThat(best.getParams()).isInstanceOf(Map.class);
        assertThat(((Map<?, ?>) best.getParams()).get("units")).isEqualTo(4);

        ApiResponse<ExperimentView> promoted = experiments.promoteExperimentWithHttpInfo(created.getId(),
                new PromoteRequest().trialId(best.getId()).model("client-model").refit(false));
        // the trial is promoted and scored on the test rows; Location is the new version
        assertThat(promoted.getData().getPromotedTrial().getId()).isEqualTo(best.getId());
        assertThat(promoted.getData().getPromotedTrial().getTestRmse()).isPositive();
        assertThat(promoted.getHeaders().get("location")).containsExactly("/api/models/client-model/versions/1");

        ForecastAnswer forecast = models.forecastModel("client-model",
                new ForecastRequest().horizon(6).levels(List.of(80.0, 95.0)));
        // six steps after the series' last month, from version 1 (the champion), by the trial's model
        assertThat(forecast.getVersion()).isEqualTo(1);
        assertThat(forecast.getServedBy()).isEqualTo("trial");
        assertThat(forecast.getForecast()).hasSize(6);
        assertThat(forecast.getForecast().get(0).getTime()).isEqualTo("2008-01");
        assertThat(forecast.getForecast()).allSatisfy(p -> assertThat(p.getMean()).isFinite());

        ApiException missing = catchThrowableOfType(ApiException.class,
                () -> models.forecastModel("no-such-model", new ForecastRequest().horizon(1)));
        Problem problem = client.getObjectMapper().readValue(missing.getResponseBody(), Problem.class);
        // an error is the described problem JSON
        assertThat(missing.getCode()).isEqualTo(404);
        assertThat(problem.getStatus()).isEqualTo(404);
        assertThat(problem.getDetail()).contains("no-such-model");
    }

    private static SearchParameter choice(Object value) {
        return new SearchParameter().type(SearchParameter.TypeEnum.CHOICE).values(List.of(value));
    }

    /** Monthly rows from 2000-01: a trend, a yearly season and a little deterministic noise. */
    private static String monthlyCsv(int rows) {
        StringBuilder csv = new StringBuilder("Month,Value\n");
        for (int i = 0; i < rows; i++) {
            double value = 100 + 0.5 * i + 10 * Math.sin(2 * Math.PI * i / 12) + ((i * 7919) % 13) / 13.0;
            csv.append(String.format(Locale.ROOT, "%d-%02d,%.3f%n", 2000 + i / 12, i % 12 + 1, value));
        }
        return csv.toString();
    }

    private static ExperimentView awaitCompleted(ExperimentsApi experiments, long id, Duration timeout)
            throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        ExperimentView e = experiments.getExperiment(id);
        while (!"COMPLETED".equals(e.getState())) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("experiment " + id + " did not complete: " + e);
            }
            Thread.sleep(500);
            e = experiments.getExperiment(id);
        }
        return e;
    }

    /** The packaged service (backend/target/quarkus-app) on its embedded PostgreSQL in {@code dataDir}. */
    private static Process start(Path dataDir, int port) throws Exception {
        Path jar = Path.of(System.getProperty("service.jar"));
        Path log = dataDir.resolve("service.log");
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString()).redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = pb.environment();
        env.put("AUTOML_DATA_DIR", dataDir.toString());
        env.put("AUTOML_EMBEDDED_PORT", String.valueOf(freePort()));
        env.put("QUARKUS_HTTP_PORT", String.valueOf(port));
        env.put("AUTOML_BIND", "127.0.0.1");
        env.put("AUTOML_SECURITY_ADMIN_TOKEN", TOKEN);
        env.put("AUTOML_SECURITY_ADMIN_PASSWORD", "generated-client-test-password");
        env.put("AUTOML_WORKER_THREADS", "1");
        env.put("OMP_NUM_THREADS", "1");
        env.remove("QUARKUS_DATASOURCE_JDBC_URL");
        Process p = pb.start();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        Instant deadline = Instant.now().plusSeconds(120);
        while (Instant.now().isBefore(deadline)) {
            if (!p.isAlive()) {
                throw new AssertionError("the service exited: " + Files.readString(log));
            }
            try {
                if (http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
                        .build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return p;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        p.destroyForcibly();
        throw new AssertionError("the service did not get ready: " + Files.readString(log));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}

package com.lstmautoml.backend.rest;

import com.lstmautoml.backend.config.AutomlConfig;
import com.lstmautoml.backend.domain.Experiment;
import com.lstmautoml.backend.service.ExperimentScheduler;
import com.lstmautoml.backend.service.SearchSpaces;
import com.lstmautoml.core.queue.TrialQueue;
import com.lstmautoml.core.testing.MutableClock;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.persistence.LockModeType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;

import static com.lstmautoml.backend.testing.Api.awaitExperiment;
import static com.lstmautoml.backend.testing.Api.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

/**
 * An experiment's {@code timeBudget}: stored and shown, validated, and obeyed by the scheduler on a moved clock (a
 * scheduler of its own whose clock the test sets past the budget, run on the experiment under its row lock as the
 * timer runs it): no trial is queued after the budget, queued ones are cancelled, running ones finish, and the
 * experiment completes saying why.
 */
@QuarkusTest
class ExperimentTimeBudgetTest {

    @Inject
    AutomlConfig config;
    @Inject
    SearchSpaces spaces;
    @Inject
    TrialQueue queue;
    @Inject
    AgroalDataSource dataSource;
    @Inject
    TransactionSynchronizationRegistry transactions;

    private static String body(String name, String extra) {
        return "{\"name\":\"" + name + "\",\"dataset\":\"airline-passengers\",\"target\":\"Passengers\","
                + "\"strategy\":\"random\",\"maxEpochs\":30,\"patience\":30,\"minEpochs\":30,\"seed\":7,"
                + "\"searchSpace\":" + ExperimentLifecycleTest.TINY_SPACE + extra + "}";
    }

    /** One pass of the scheduler over the experiment with the clock at {@code now}, under the row lock. */
    private void scheduleAt(long id, Instant now) {
        ExperimentScheduler moved = new ExperimentScheduler(new MutableClock(now), config, spaces, queue, dataSource,
                transactions);
        QuarkusTransaction.requiringNew().run(() -> moved.topUp(Experiment.getEntityManager()
                .find(Experiment.class, id, LockModeType.PESSIMISTIC_WRITE)));
    }

    /** {@code count(*)} of the experiment's trials in {@code state}, or all of them for null. */
    private long trials(long id, String state) throws Exception {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM trial WHERE experiment_id = ?"
                     + (state == null ? "" : " AND state = ?"))) {
            ps.setLong(1, id);
            if (state != null) {
                ps.setString(2, state);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private Instant createdAt(long id) throws Exception {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT created_at FROM experiment WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getObject(1, java.time.OffsetDateTime.class).toInstant();
            }
        }
    }

    private String stopReasonRow(long id) throws Exception {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT stop_reason FROM experiment WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    @Test
    void afterTheBudgetNoTrialIsQueuedRunningOnesFinishAndTheExperimentSaysWhy() throws Exception {
        JsonPath created = given().contentType("application/json")
                .body(body("budget-spent", ",\"timeBudget\":\"PT30M\",\"parallelism\":3"))
                .post("/api/experiments").then().statusCode(201)
                // the budget is shown as given; a budget alone runs up to the configured cap of trials
                .body("timeBudget", equalTo("PT30M"))
                .body("maxTrials", equalTo(config.limits().maxTrials()))
                // still queueing: no stop reason
                .body("stopReason", nullValue())
                .extract().jsonPath();
        long id = created.getLong("id");
        // the budget is measured from the stored created_at (the JSON may round it)
        Instant end = createdAt(id).plus(Duration.ofMinutes(30));

        // a microsecond before the end the scheduler still queues
        scheduleAt(id, end.minusNanos(1000));
        assertThat(stopReasonRow(id)).isNull();
        // the in-process worker (one thread) trains one of the three trials in flight; the others wait
        awaitExperiment(id, x -> x.getInt("trialCounts.RUNNING") + x.getInt("trialCounts.COMPLETED") >= 1);

        // at the end it is spent
        scheduleAt(id, end);
        long createdAtTheEnd = trials(id, null);
        // at the end: queueing stops for the budget, in the row
        assertThat(stopReasonRow(id)).isEqualTo("TIME_BUDGET");
        // no trial waits any more: the queued ones were cancelled
        assertThat(trials(id, "QUEUED")).isZero();
        assertThat(trials(id, "CANCELLED")).isPositive();

        // the running trial finishes and the experiment completes, saying why
        JsonPath done = awaitExperiment(id, x -> "COMPLETED".equals(x.getString("state")));
        assertThat(done.getString("stopReason")).isEqualTo("TIME_BUDGET");
        // ... without a trial queued after the budget
        assertThat(trials(id, null)).isEqualTo(createdAtTheEnd);
        assertThat(done.getInt("trialsCreated")).isEqualTo((int) createdAtTheEnd);
        // the trial that was training was not stopped: it trained its 30 epochs and COMPLETED
        assertThat(trials(id, "COMPLETED")).isPositive();
        assertThat(trials(id, "COMPLETED") + trials(id, "CANCELLED")).isEqualTo(createdAtTheEnd);
    }

    @Test
    void withMaxTrialsWhicheverComesFirstAndACancelSaysCancelled() throws Exception {
        long id = given().contentType("application/json")
                .body(body("budget-and-max", ",\"timeBudget\":\"P1D\",\"maxTrials\":1,\"parallelism\":1"))
                .post("/api/experiments").then().statusCode(201)
                // a day is 24 hours in ISO-8601's Duration form
                .body("timeBudget", equalTo("PT24H")).body("maxTrials", equalTo(1))
                .extract().jsonPath().getLong("id");
        // the one trial was queued at creation: queueing stopped for maxTrials at once
        assertThat(stopReasonRow(id)).isEqualTo("MAX_TRIALS");
        JsonPath done = awaitExperiment(id, x -> "COMPLETED".equals(x.getString("state")));
        // maxTrials came first
        assertThat(done.getString("stopReason")).isEqualTo("MAX_TRIALS");

        long cancelled = given().contentType("application/json").body(body("budget-cancelled",
                        ",\"timeBudget\":\"PT1H\",\"parallelism\":1")).post("/api/experiments").then().statusCode(201)
                .extract().jsonPath().getLong("id");
        // a cancelled experiment says so
        given().post("/api/experiments/" + cancelled + "/cancel").then().statusCode(200)
                .body("state", equalTo("CANCELLED")).body("stopReason", equalTo("CANCELLED"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "\"-PT5M\"   | not positive",
            "\"PT0S\"    | not positive",
            "\"30m\"     | is not an ISO-8601 duration",
            "\"P31D\"    | from PT1S to P30D",
            "1800        | a string",
    })
    void aBadBudgetIs400NamingTheFieldAndNothingIsStored(String budget, String says) {
        String name = "bad-budget-" + Math.abs(budget.hashCode());
        given().contentType("application/json").body(body(name, ",\"timeBudget\":" + budget.strip()))
                .post("/api/experiments").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("timeBudget"))
                .body("errors.find { it.field == 'timeBudget' }.message",
                        org.hamcrest.Matchers.containsString(says.strip()));
        // nothing was created
        given().get("/api/experiments?name=" + name).then().statusCode(200).body("total", equalTo(0));
    }
}

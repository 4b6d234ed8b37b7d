package com.lstmautoml.backend.security;

import com.lstmautoml.backend.testing.Api;
import com.lstmautoml.backend.testing.SyntheticExperiments;
import com.lstmautoml.backend.testing.TestUsers;
import com.lstmautoml.core.api.Accounts;
import com.lstmautoml.core.api.Caller;
import com.lstmautoml.core.api.Experiments;
import com.lstmautoml.core.api.Models;
import com.lstmautoml.core.api.ForbiddenException;
import com.lstmautoml.core.api.NotFoundException;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;

import static com.lstmautoml.backend.testing.Api.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasItem;

/**
 * Every endpoint of the API against every kind of caller: no credentials → 401, a token of another team → 404 (its
 * lists never show this team's objects), a viewer's token on a write → 403, members cancel only their own work,
 * admins everything. Team A is 'default' (its admin token from the test profile); team B is made here.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessControlTest {

    /** One API endpoint: how to call it, and whether it changes anything. */
    record Endpoint(String name, boolean write, Function<RequestSpecification, Response> call, int viewerStatus) {
        /** A read answers a viewer 200, a write 403. */
        Endpoint(String name, boolean write, Function<RequestSpecification, Response> call) {
            this(name, write, call, write ? 403 : 200);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static final String NONCE = UUID.randomUUID().toString().substring(0, 8);
    static final String DATASET = "acl-" + NONCE;
    static final String CSV = "t,v\n" + java.util.stream.IntStream.rangeClosed(1, 60)
            .mapToObj(i -> i + "," + (100 + 10 * Math.sin(i / 3.0)) + "\n").collect(java.util.stream.Collectors.joining());
    static final String TINY_SPACE = "{\"units\":{\"type\":\"choice\",\"values\":[4]},"
            + "\"layers\":{\"type\":\"choice\",\"values\":[1]},\"lookBack\":{\"type\":\"choice\",\"values\":[2]},"
            + "\"batchSize\":{\"type\":\"choice\",\"values\":[32]}}";
    static final String MEMBER_OF_A = "acl-member-" + NONCE;
    /** A registered model of team A with one version (experimentA's first trial), inserted in the setup. */
    static final String MODEL_A = "acl-model-" + NONCE;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    Accounts accounts;

    @Inject
    Experiments experiments;

    @Inject
    Models models;

    static long experimentA;
    static long runningA;
    static long trialA;
    static long tokenIdA;
    /** A pending invitation of team A for someone who is not the viewer. */
    static long invitationA;
    static String viewerA;
    static String memberA;
    static String adminB;
    static boolean ready;

    /** In @BeforeEach: RestAssured has the test port only from then on. */
    @BeforeEach
    void teams() {
        if (ready) {
            return;
        }
        ready = true;
        experimentA = SyntheticExperiments.insert(dataSource, "acl-done-" + NONCE, 3);
        runningA = SyntheticExperiments.insertRunning(dataSource, "acl-running-" + NONCE, 2);
        trialA = given().get("/api/experiments/" + experimentA + "/trials").then().statusCode(200).extract()
                .jsonPath().getLong("items[0].id");
        given().contentType("text/csv").body(CSV).post("/api/datasets?name=" + DATASET).then().statusCode(201);
        insertModel(MODEL_A, experimentA, trialA);
        viewerA = TestUsers.token(dataSource, "default", "acl-viewer-" + NONCE, "viewer");
        memberA = TestUsers.token(dataSource, "default", MEMBER_OF_A, "member");
        adminB = TestUsers.token(dataSource, "acl-other-" + NONCE, "acl-admin-b-" + NONCE, "admin");
        tokenIdA = given().contentType("application/json").body("{\"name\":\"acl\",\"role\":\"viewer\"}")
                .post("/api/tokens").then().statusCode(201).extract().jsonPath().getLong("token.id");
        given().contentType("application/json").body("{\"username\":\"acl-invited-" + NONCE + "\",\"role\":\"viewer\"}")
                .post("/api/members").then().statusCode(202);
        invitationA = given().get("/api/members/invitations").then().statusCode(200).extract().jsonPath()
                .getLong("find { it.username == 'acl-invited-" + NONCE + "' }.id");
    }

    @AfterAll
    void stop() {
        SyntheticExperiments.end(dataSource, runningA);
    }

    Stream<Endpoint> endpoints() {
        String experimentBody = "{\"name\":\"acl\",\"dataset\":\"" + DATASET + "\",\"target\":\"v\",\"maxTrials\":1,"
                + "\"maxEpochs\":1,\"patience\":1}";
        return Stream.of(
                new Endpoint("GET /api/datasets", false, r -> r.get("/api/datasets")),
                new Endpoint("GET /api/datasets/{name}", false, r -> r.get("/api/datasets/" + DATASET)),
                new Endpoint("POST /api/datasets (csv)", true,
                        r -> r.contentType("text/csv").body(CSV).post("/api/datasets?name=acl-new-" + NONCE)),
                new Endpoint("POST /api/datasets (multipart)", true, r -> r.multiPart("file", "x.csv", CSV.getBytes(),
                        "text/csv").multiPart("name", "acl-multi-" + NONCE).post("/api/datasets")),
                new Endpoint("POST /api/datasets/preview", true,
                        r -> r.contentType("text/csv").body(CSV).post("/api/datasets/preview")),
                new Endpoint("POST /api/experiments", true,
                        r -> r.contentType("application/json").body(experimentBody).post("/api/experiments")),
                new Endpoint("POST /api/experiments/validate", true,
                        r -> r.contentType("application/json").body(experimentBody).post("/api/experiments/validate")),
                new Endpoint("GET /api/experiments", false, r -> r.get("/api/experiments")),
                new Endpoint("GET /api/experiments/owners", false, r -> r.get("/api/experiments/owners")),
                new Endpoint("GET /api/experiments/{id}", false, r -> r.get("/api/experiments/" + experimentA)),
                new Endpoint("POST /api/experiments/{id}/cancel", true,
                        r -> r.post("/api/experiments/" + runningA + "/cancel")),
                new Endpoint("POST /api/experiments/{id}/promote", true,
                        r -> r.contentType("application/json").body("{}")
                                .post("/api/experiments/" + experimentA + "/promote")),
                new Endpoint("GET /api/experiments/{id}/trials", false,
                        r -> r.get("/api/experiments/" + experimentA + "/trials")),
                new Endpoint("GET /api/experiments/{id}/trial-points", false,
                        r -> r.get("/api/experiments/" + experimentA + "/trial-points")),
                new Endpoint("GET /api/trials/{id}", false, r -> r.get("/api/trials/" + trialA)),
                new Endpoint("GET /api/models", false, r -> r.get("/api/models")),
                new Endpoint("GET /api/models/{name}", false, r -> r.get("/api/models/" + MODEL_A)),
                new Endpoint("GET /api/models/{name}/versions/{v}", false,
                        r -> r.get("/api/models/" + MODEL_A + "/versions/1")),
                // a viewer may forecast: past access control, the synthetic version has no stored model (409)
                new Endpoint("POST /api/models/{name}/forecast", false, r -> r.contentType("application/json")
                        .body("{\"horizon\":1}").post("/api/models/" + MODEL_A + "/forecast"), 409),
                new Endpoint("POST /api/models/{name}/versions/{v}/forecast", false, r -> r.contentType(
                        "application/json").body("{\"horizon\":1}").post("/api/models/" + MODEL_A
                        + "/versions/1/forecast"), 409),
                // a viewer may export: past access control, the synthetic version has no stored model (409)
                new Endpoint("GET /api/models/{name}/versions/{v}/export", false,
                        r -> r.get("/api/models/" + MODEL_A + "/versions/1/export"), 409),
                new Endpoint("PUT /api/models/{name}/aliases/champion", true, r -> r.contentType("application/json")
                        .body("{\"version\":1}").put("/api/models/" + MODEL_A + "/aliases/champion")),
                new Endpoint("GET /api/workers", false, r -> r.get("/api/workers")),
                new Endpoint("GET /api/me", false, r -> r.get("/api/me")),
                new Endpoint("GET /api/members", false, r -> r.get("/api/members")),
                new Endpoint("POST /api/members", true, r -> r.contentType("application/json")
                        .body("{\"username\":\"acl-new-" + NONCE + "\",\"role\":\"viewer\"}").post("/api/members")),
                new Endpoint("POST /api/members (newUser)", true, r -> r.contentType("application/json")
                        .body("{\"username\":\"acl-created-" + NONCE + "\",\"role\":\"viewer\",\"newUser\":true}")
                        .post("/api/members")),
                new Endpoint("GET /api/members/invitations", true, r -> r.get("/api/members/invitations")),
                new Endpoint("DELETE /api/members/invitations/{id}", true,
                        r -> r.delete("/api/members/invitations/" + invitationA)),
                new Endpoint("GET /api/invitations", false, r -> r.get("/api/invitations")),
                // anyone may answer their own invitations; someone else's is not found
                new Endpoint("POST /api/invitations/{id}/accept", true,
                        r -> r.post("/api/invitations/" + invitationA + "/accept"), 404),
                new Endpoint("POST /api/invitations/{id}/decline", true,
                        r -> r.post("/api/invitations/" + invitationA + "/decline"), 404),
                new Endpoint("PUT /api/members/{username}", true, r -> r.contentType("application/json")
                        .body("{\"role\":\"member\"}").put("/api/members/" + MEMBER_OF_A)),
                new Endpoint("DELETE /api/members/{username}", true, r -> r.delete("/api/members/" + MEMBER_OF_A)),
                new Endpoint("GET /api/tokens", true, r -> r.get("/api/tokens")),
                new Endpoint("POST /api/tokens", true, r -> r.contentType("application/json")
                        .body("{\"name\":\"x\",\"role\":\"viewer\"}").post("/api/tokens")),
                new Endpoint("DELETE /api/tokens/{id}", true, r -> r.delete("/api/tokens/" + tokenIdA)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("endpoints")
    void withoutCredentialsEveryEndpointAnswers401(Endpoint e) {
        e.call().apply(Api.anonymous()).then().statusCode(401)
                .contentType(containsString("application/problem+json"))
                .header("WWW-Authenticate", containsString("Bearer"))
                .body("detail", containsString("Authorization: Bearer"));
        // a malformed header and an unknown token are refused the same way
        e.call().apply(Api.anonymous().header("Authorization", "Basic YWRtaW46YWRtaW4=")).then().statusCode(401);
        e.call().apply(Api.as("lsa_" + "x".repeat(43))).then().statusCode(401)
                .body("detail", containsString("unknown API token"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("endpoints")
    void aViewerTokenMayReadButNotWrite(Endpoint e) {
        Response r = e.call().apply(Api.as(viewerA));
        if (e.viewerStatus() == 403) {
            r.then().statusCode(403).contentType(containsString("application/problem+json"))
                    .body("detail", containsString("viewer"));
        } else {
            r.then().statusCode(e.viewerStatus());
        }
    }

    @Test
    void anotherTeamsObjectsAreNotFoundAndAbsentFromItsLists() {
        for (String path : List.of("/api/experiments/" + experimentA, "/api/experiments/" + experimentA + "/trials",
                "/api/experiments/" + experimentA + "/trial-points", "/api/trials/" + trialA,
                "/api/datasets/" + DATASET, "/api/models/" + MODEL_A, "/api/models/" + MODEL_A + "/versions/1",
                "/api/models/" + MODEL_A + "/versions/1/export")) {
            Api.as(adminB).get(path).then().statusCode(404).contentType(containsString("application/problem+json"));
        }
        Api.as(adminB).post("/api/experiments/" + runningA + "/cancel").then().statusCode(404);
        Api.as(adminB).contentType("application/json").body("{}").post("/api/experiments/" + experimentA + "/promote")
                .then().statusCode(404);
        Api.as(adminB).delete("/api/tokens/" + tokenIdA).then().statusCode(404);
        Api.as(adminB).contentType("application/json").body("{\"version\":1}")
                .put("/api/models/" + MODEL_A + "/aliases/champion").then().statusCode(404);
        Api.as(adminB).get("/api/models").then().statusCode(200).body("name", not(hasItem(MODEL_A)));
        Api.as(adminB).delete("/api/members/" + MEMBER_OF_A).then().statusCode(404);
        Api.as(adminB).delete("/api/members/invitations/" + invitationA).then().statusCode(404);
        Api.as(adminB).post("/api/invitations/" + invitationA + "/accept").then().statusCode(404);
        Api.as(adminB).get("/api/members/invitations").then().body("id", not(hasItem((int) invitationA)));
        Api.as(adminB).contentType("application/json").body("{\"role\":\"admin\"}")
                .put("/api/members/" + MEMBER_OF_A).then().statusCode(404);
        // nothing happened in team A
        given().get("/api/experiments/" + runningA).then().statusCode(200).body("state", equalTo("RUNNING"));
        given().get("/api/experiments/" + experimentA).then().body("promotedTrial", equalTo(null));
        // team B's lists hold none of team A's objects
        Api.as(adminB).get("/api/experiments?size=500").then().statusCode(200)
                .body("items.id", not(hasItem((int) experimentA))).body("total", equalTo(0));
        Api.as(adminB).get("/api/datasets").then().body("name", not(hasItem(DATASET)));
        Api.as(adminB).get("/api/members").then().body("username", not(hasItem(MEMBER_OF_A)));
        Api.as(adminB).get("/api/tokens").then().body("id", not(hasItem((int) tokenIdA)));
        // nor can team B train on team A's dataset: its name is unknown there
        Api.as(adminB).contentType("application/json").body("{\"name\":\"steal\",\"dataset\":\"" + DATASET
                        + "\",\"target\":\"v\"}").post("/api/experiments").then().statusCode(400)
                .body("errors[0].field", equalTo("dataset"));
        // each team has its own bundled dataset of the same name
        Api.as(adminB).get("/api/datasets/airline-passengers").then().statusCode(404);
    }

    @Test
    void workersAreSharedButAnotherTeamsTrialIsNotNamed() throws SQLException {
        long running = given().get("/api/experiments/" + runningA + "/trials?sort=number").then().statusCode(200)
                .extract().jsonPath().getLong("items.find { it.state == 'RUNNING' }.id");
        String worker = "acl-worker-" + NONCE;
        try (Connection c = dataSource.getConnection();
             var insert = c.prepareStatement("INSERT INTO worker (id, host, backend, device, started_at,"
                     + " last_heartbeat_at) VALUES (?, 'acl-host', 'CPU', 'cpu', now(), now())");
             var assign = c.prepareStatement("UPDATE trial SET worker_id = ? WHERE id = ?")) {
            insert.setString(1, worker);
            insert.executeUpdate();
            assign.setString(1, worker);
            assign.setLong(2, running);
            assign.executeUpdate();
        }
        given().get("/api/workers").then().statusCode(200)
                .body("find { it.id == '" + worker + "' }.trialId", equalTo((int) running));
        Api.as(adminB).get("/api/workers").then().statusCode(200)
                .body("find { it.id == '" + worker + "' }.host", equalTo("acl-host"))
                .body("find { it.id == '" + worker + "' }.trialId", equalTo(null));
    }

    @Test
    void membersCancelTheirOwnExperimentsOnlyAndNeverPromote() {
        // the synthetic experiment is nobody's: a member may not cancel it, nor promote anything
        Api.as(memberA).post("/api/experiments/" + runningA + "/cancel").then().statusCode(403)
                .body("detail", containsString("cancel other people's experiments"));
        Api.as(memberA).contentType("application/json").body("{}").post("/api/experiments/" + experimentA + "/promote")
                .then().statusCode(403);
        Api.as(memberA).contentType("application/json").body("{\"name\":\"x\",\"role\":\"viewer\"}")
                .post("/api/tokens").then().statusCode(403);
        // their own experiment they may cancel
        long own = Api.as(memberA).contentType("application/json").body("{\"name\":\"own\",\"dataset\":\"" + DATASET
                        + "\",\"target\":\"v\",\"maxTrials\":1,\"maxEpochs\":50,\"patience\":50,\"searchSpace\":"
                        + TINY_SPACE + "}")
                .post("/api/experiments").then().statusCode(201).body("createdBy", equalTo(MEMBER_OF_A))
                .extract().jsonPath().getLong("id");
        Api.as(memberA).post("/api/experiments/" + own + "/cancel").then().statusCode(200)
                .body("state", equalTo("CANCELLED"));
    }

    @Test
    void aTokenNeverActsAboveItsCreatorsCurrentRoleAndDiesWithTheMembership() {
        String user = "acl-demoted-" + NONCE;
        // an admin token whose user is (now) only a viewer acts as a viewer
        String demoted = TestUsers.token(dataSource, "default", user, "admin");
        given().contentType("application/json").body("{\"role\":\"viewer\"}").put("/api/members/" + user).then()
                .statusCode(200).body("role", equalTo("viewer"));
        Api.as(demoted).get("/api/me").then().statusCode(200).body("role", equalTo("viewer"));
        Api.as(demoted).post("/api/experiments/" + runningA + "/cancel").then().statusCode(403);
        // removing the member revokes their tokens of the team
        given().delete("/api/members/" + user).then().statusCode(204);
        Api.as(demoted).get("/api/me").then().statusCode(401).body("detail", containsString("revoked"));
    }

    @Test
    void revokedTokensAnswer401AndLastUseIsRecorded() {
        Response created = given().contentType("application/json").body("{\"name\":\"short-lived\",\"role\":\"member\"}")
                .post("/api/tokens");
        created.then().statusCode(201).body("secret", containsString("lsa_")).body("token.role", equalTo("member"));
        String secret = created.jsonPath().getString("secret");
        long id = created.jsonPath().getLong("token.id");
        Api.as(secret).get("/api/me").then().statusCode(200).body("role", equalTo("member"))
                .body("team", equalTo("default"));
        // listed without its secret, with its last use
        given().get("/api/tokens").then().body("find { it.id == " + id + " }.lastUsedAt", not(equalTo(null)))
                .body("find { it.id == " + id + " }.secret", equalTo(null))
                .body("find { it.id == " + id + " }.prefix", equalTo(secret.substring(0, 10) + "…"));
        given().delete("/api/tokens/" + id).then().statusCode(200).body("revokedAt", not(equalTo(null)));
        Api.as(secret).get("/api/me").then().statusCode(401).body("detail", containsString("revoked"));
        // a token cannot be made above its creator's role, nor without a name
        Api.as(secret).contentType("application/json").body("{\"name\":\"x\",\"role\":\"admin\"}").post("/api/tokens")
                .then().statusCode(401);
        given().contentType("application/json").body("{\"name\":\"\",\"role\":\"superuser\"}").post("/api/tokens")
                .then().statusCode(400).body("errors[0].field", equalTo("name"));
    }

    @Test
    void theLastAdminCannotStepDownAndNewMembersGetAPasswordOnce() {
        given().contentType("application/json").body("{\"role\":\"member\"}").put("/api/members/admin").then()
                .statusCode(409).body("detail", containsString("only admin"));
        String name = "acl-fresh-" + NONCE;
        String password = given().contentType("application/json").body("{\"username\":\"" + name
                        + "\",\"role\":\"member\",\"newUser\":true}").post("/api/members").then().statusCode(201)
                .body("member.role", equalTo("member")).extract().jsonPath().getString("initialPassword");
        assertThat(password).hasSizeGreaterThanOrEqualTo(20);
        // the password signs in (the dashboard's sign-in), a wrong one does not, and neither hints which part failed
        assertThat(accounts.signIn(name, password, "192.0.2.10")).isPresent();
        assertThat(accounts.signIn(name, password + "x", "192.0.2.10")).isEmpty();
        assertThat(accounts.signIn("nobody-" + NONCE, password, "192.0.2.10")).isEmpty();
        // creating them again is a conflict, not a second account; inviting them answers as for anyone
        given().contentType("application/json").body("{\"username\":\"" + name.toUpperCase(java.util.Locale.ROOT)
                        + "\",\"role\":\"viewer\",\"newUser\":true}")
                .post("/api/members").then().statusCode(409).body("detail", containsString("invite it instead"));
        given().contentType("application/json").body("{\"username\":\"" + name + "\",\"role\":\"viewer\"}")
                .post("/api/members").then().statusCode(202).body("status", equalTo("invited"));
    }

    @Test
    void repeatedWrongPasswordsSlowTheUsernameDownForAMoment() throws InterruptedException {
        String name = "acl-guessed-" + NONCE;
        String password = given().contentType("application/json").body("{\"username\":\"" + name
                        + "\",\"role\":\"viewer\",\"newUser\":true}").post("/api/members").then().statusCode(201)
                .extract().jsonPath()
                .getString("initialPassword");
        // the free failures, then one more: the username waits its first delay (1 s)
        for (int i = 0; i <= SignInThrottle.PER_USERNAME.freeFailures(); i++) {
            assertThat(accounts.signIn(name, "guess-" + i, "192.0.2.11")).isEmpty();
        }
        // now even the right password is refused, from any address; other users are unaffected
        assertThat(accounts.signIn(name, password, "192.0.2.12")).isEmpty();
        assertThat(accounts.signIn("admin", Api.ADMIN_PASSWORD, "192.0.2.13")).isPresent();
        // a backoff, not a lock: once the delay is over the right password signs in (the running service's real
        // clock: the delay passes in real time here; SignInThrottleTest moves a clock through every delay)
        Thread.sleep(SignInThrottle.PER_USERNAME.firstDelay().toMillis() + 200);
        assertThat(accounts.signIn(name, password, "192.0.2.12")).isPresent();
    }

    @Test
    void secretsAreStoredOnlyAsHashes() throws SQLException {
        String secret = given().contentType("application/json").body("{\"name\":\"hashed\",\"role\":\"viewer\"}")
                .post("/api/tokens").then().statusCode(201).extract().jsonPath().getString("secret");
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             var byValue = c.prepareStatement("SELECT count(*) FROM api_token WHERE token_hash = ? OR prefix = ?")) {
            byValue.setString(1, secret);
            byValue.setString(2, secret);
            try (ResultSet rs = byValue.executeQuery()) {
                rs.next();
                assertThat(rs.getLong(1)).isZero();
            }
            try (ResultSet rs = s.executeQuery("SELECT password_hash FROM app_user WHERE username = 'admin'")) {
                rs.next();
                // bcrypt, never the password
                assertThat(rs.getString(1)).startsWith("$2y$").doesNotContain(Api.ADMIN_PASSWORD);
            }
        }
    }

    @Test
    void theDashboardsCallersMeetTheSameRulesInTheServices() {
        // what the views get from SessionCaller: a user caller from the same Accounts service
        long viewerId = userId("acl-viewer-" + NONCE);
        Caller viewer = accounts.userCaller(viewerId, null);
        assertThat(viewer.tokenId()).isNull();
        assertThat(experiments.get(viewer, experimentA).id()).isEqualTo(experimentA);
        assertThatThrownBy(() -> experiments.cancel(viewer, runningA)).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> experiments.promote(viewer, experimentA, null))
                .isInstanceOf(ForbiddenException.class);
        Caller teamB = accounts.userCaller(userId("acl-admin-b-" + NONCE), null);
        assertThatThrownBy(() -> experiments.get(teamB, experimentA)).isInstanceOf(NotFoundException.class);
        // the registry too: a viewer reads but does not move aliases, another team finds nothing
        assertThat(models.get(viewer, MODEL_A).aliases()).containsEntry(Models.CHAMPION, 1);
        assertThatThrownBy(() -> models.setChampion(viewer, MODEL_A, 1)).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> models.get(teamB, MODEL_A)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> models.version(teamB, MODEL_A, 1)).isInstanceOf(NotFoundException.class);
        assertThat(models.list(teamB)).noneMatch(m -> m.name().equals(MODEL_A));
        // a user who is not a member of the team asked for: not found, never that team's view
        assertThatThrownBy(() -> accounts.userCaller(viewerId, teamB.teamId())).isInstanceOf(NotFoundException.class);
    }

    @Test
    void healthIsPublicAndTheRestOfTheApiIsNot() {
        Api.anonymous().get("/q/health").then().statusCode(200);
        // refused before routing and before any body is read: unknown paths and wrong media types are 401 too
        Api.anonymous().get("/api/no-such-thing").then().statusCode(401);
        Api.anonymous().contentType("application/xml").body("<x/>").post("/api/experiments").then().statusCode(401);
    }

    @Test
    void theApiDescriptionTellsClientsToSendABearerToken() {
        // public (no data in it); Swagger UI offers "Authorize" from this scheme
        Api.anonymous().accept("application/json").get("/q/openapi").then().statusCode(200)
                .body("components.securitySchemes.teamToken.type", equalTo("http"))
                .body("components.securitySchemes.teamToken.scheme", equalTo("bearer"))
                .body("security[0].teamToken", equalTo(List.of()))
                .body("paths.'/api/tokens'.post.summary", containsString("admin"));
    }

    /** A registered model of the experiment's team with one version, the trial, as champion (as promotion leaves it). */
    private void insertModel(String name, long experiment, long trial) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            long model;
            try (var ps = c.prepareStatement("INSERT INTO registered_model (team_id, name, created_at)"
                    + " SELECT team_id, ?, now() FROM experiment WHERE id = ? RETURNING id")) {
                ps.setString(1, name);
                ps.setLong(2, experiment);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    model = rs.getLong(1);
                }
            }
            long version;
            try (var ps = c.prepareStatement("INSERT INTO model_version (model_id, version, experiment_id, trial_id,"
                    + " promoted_by, promoted_at, params, val_rmse) SELECT ?, 1, experiment_id, id, 'acl', now(),"
                    + " params, val_rmse FROM trial WHERE id = ? RETURNING id")) {
                ps.setLong(1, model);
                ps.setLong(2, trial);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    version = rs.getLong(1);
                }
            }
            try (var ps = c.prepareStatement("UPDATE registered_model SET champion_version_id = ? WHERE id = ?")) {
                ps.setLong(1, version);
                ps.setLong(2, model);
                ps.executeUpdate();
            }
            c.commit();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private long userId(String username) {
        try (Connection c = dataSource.getConnection();
             var ps = c.prepareStatement("SELECT id FROM app_user WHERE username = ?")) {
            ps.setString(1, username);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}

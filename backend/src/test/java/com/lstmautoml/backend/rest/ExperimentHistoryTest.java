package com.lstmautoml.backend.rest;

import com.lstmautoml.core.api.ApiDtos;
import com.lstmautoml.core.api.Experiments;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.ArrayList;
import java.util.List;

import com.lstmautoml.backend.testing.Api;
import com.lstmautoml.backend.testing.TestUsers;

import static com.lstmautoml.backend.testing.Api.admin;
import static com.lstmautoml.backend.testing.Api.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * The history filtered, sorted and sliced in the database: four experiments of this run (a unique token in their
 * names), three cancelled right away (a running trial stops at its next epoch), the fourth trains its one tiny trial.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExperimentHistoryTest {

    final String token = "h" + Long.toString(System.nanoTime(), 36);
    final String alice = "alice-" + token;
    final String bob = "bob-" + token;

    @Inject
    Experiments experiments;

    @Inject
    io.agroal.api.AgroalDataSource dataSource;

    boolean created;

    /** Once per class, but in @BeforeEach: RestAssured gets the test port only before each test. */
    @BeforeEach
    void createExperiments() {
        if (created) {
            return;
        }
        created = true;
        String aliceToken = TestUsers.token(dataSource, "default", alice, "member");
        String bobToken = TestUsers.token(dataSource, "default", bob, "member");
        cancel(create("hist-" + token + "-alpha", aliceToken, 50));
        cancel(create("hist-" + token + "-beta", bobToken, 50));
        cancel(create("hist-" + token + "-gamma", aliceToken, 50));
        create("hist-" + token + "-delta", null, 2);
    }

    /** Those to cancel get 50 epochs: still RUNNING when the cancel arrives, however slow the first requests are. */
    /** Created with {@code apiToken} (null: the admin's), whose user becomes the owner. */
    private static long create(String name, String apiToken, int maxEpochs) {
        return (apiToken == null ? given() : Api.as(apiToken)).contentType("application/json").body("{\"name\":\"" + name + "\",\"dataset\":\"airline-passengers\",\"target\":\"Passengers\","
                        + "\"maxTrials\":1,\"maxEpochs\":" + maxEpochs + ",\"patience\":" + maxEpochs
                        + ",\"searchSpace\":"
                        + ExperimentLifecycleTest.TINY_SPACE + "}")
                .post("/api/experiments").then().statusCode(201).extract().jsonPath().getLong("id");
    }

    private static void cancel(long id) {
        given().post("/api/experiments/" + id + "/cancel").then().statusCode(200).body("state", equalTo("CANCELLED"));
    }

    private List<String> names(String query) {
        return given().get("/api/experiments?" + query).then().statusCode(200).extract().jsonPath()
                .getList("items.name", String.class);
    }

    private String n(String suffix) {
        return "hist-" + token + "-" + suffix;
    }

    @Test
    void nameFilterIsCaseInsensitiveSubstring() {
        // an upper-cased middle part of the name finds all four
        assertThat(names("name=" + token.toUpperCase() + "-&sort=name"))
                .containsExactly(n("alpha"), n("beta"), n("delta"), n("gamma"));
        // LIKE wildcards in the filter are literal characters, not patterns
        assertThat(names("name=hist-" + token + "-%25")).isEmpty();
    }

    @Test
    void filterByStateAndOwner() {
        // state is exact: the three cancelled ones
        assertThat(names("name=" + token + "&state=CANCELLED&sort=name"))
                .containsExactly(n("alpha"), n("beta"), n("gamma"));
        // owner is the user the token acts as
        assertThat(names("owner=" + alice + "&sort=name")).containsExactly(n("alpha"), n("gamma"));
        assertThat(names("name=" + token + "&owner=admin")).containsExactly(n("delta"));
        // filters combine with AND
        assertThat(names("name=" + token + "&owner=" + bob + "&state=RUNNING")).isEmpty();
        // dataset is exact
        assertThat(names("name=" + token + "&dataset=airline-passengers")).hasSize(4);
        assertThat(names("name=" + token + "&dataset=airline")).isEmpty();
        // the owners list for the filter has both users, sorted
        List<String> owners = experiments.owners(admin());
        assertThat(owners).contains(alice, bob, "admin").isSorted();
    }

    @Test
    void sortByNameBothWaysAndDefaultNewestFirst() {
        // name ascending
        assertThat(names("name=" + token + "&sort=name")).containsExactly(n("alpha"), n("beta"), n("delta"),
                n("gamma"));
        // name descending with the '-' prefix
        assertThat(names("name=" + token + "&sort=-name")).containsExactly(n("gamma"), n("delta"), n("beta"),
                n("alpha"));
        // no sort: newest first (created in the order alpha, beta, gamma, delta)
        assertThat(names("name=" + token)).containsExactly(n("delta"), n("gamma"), n("beta"), n("alpha"));
        // a second key breaks ties of the first: owner (admin < alice-… < bob-…), then name descending
        assertThat(names("name=" + token + "&sort=createdBy,-name")).containsExactly(n("delta"), n("gamma"),
                n("alpha"), n("beta"));
    }

    @Test
    void slicesAreConsistentWithCount() {
        ApiDtos.ExperimentFilter filter = new ApiDtos.ExperimentFilter(token, null, null, null);
        List<ApiDtos.SortOrder> byName = List.of(new ApiDtos.SortOrder("name", false));
        // count applies the same filter
        assertThat(experiments.count(admin(), filter)).isEqualTo(4);
        List<String> stitched = new ArrayList<>();
        for (int offset = 0; offset < 4; offset += 3) {
            experiments.history(admin(), filter, byName, offset, 3).forEach(e -> stitched.add(e.name()));
        }
        // slices of 3 stitched together are the whole sorted list, each experiment once
        assertThat(stitched).containsExactly(n("alpha"), n("beta"), n("delta"), n("gamma"));
        // an offset in the middle starts there
        assertThat(experiments.history(admin(), filter, byName, 1, 2)).extracting(ApiDtos.ExperimentView::name)
                .containsExactly(n("beta"), n("delta"));
        // the REST page carries the filter's total and the page's slice
        JsonPath page = given().get("/api/experiments?name=" + token + "&sort=name&page=1&size=3").then()
                .statusCode(200).extract().jsonPath();
        assertThat(page.getLong("total")).isEqualTo(4);
        assertThat(page.getList("items.name", String.class)).containsExactly(n("gamma"));
    }

    @Test
    void unknownSortOrStateIs400() {
        // only allow-listed sort keys reach the query
        given().get("/api/experiments?sort=searchSpace").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("sort")).body("errors[0].message", containsString("createdAt"));
        // also through the service
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> experiments.history(admin(), ApiDtos.ExperimentFilter.ALL,
                        List.of(new ApiDtos.SortOrder("id; drop table experiment", false)), 0, 10))
                .isInstanceOf(com.lstmautoml.core.validation.ValidationException.class);
        // an unknown state is a 400 naming state
        given().get("/api/experiments?state=PAUSED").then().statusCode(400).body("errors[0].field", equalTo("state"));
    }
}

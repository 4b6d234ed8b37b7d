package com.lstmautoml.backend.security;

import com.lstmautoml.backend.rest.Problems;
import com.lstmautoml.backend.testing.Api;
import com.lstmautoml.backend.testing.TestUsers;
import com.lstmautoml.core.api.Accounts;
import com.lstmautoml.core.api.Caller;
import com.lstmautoml.core.api.ConflictException;
import com.lstmautoml.core.api.ForbiddenException;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * The last admin of a team stays: two admins changing each other at the same moment (each demoting the other, or one
 * demoting while the other removes) never leave the team without an admin. Role changes and removals lock the team's
 * row before counting its admins, so one of the two wins and the other gets the 409 of "the team's only admin". Each
 * race is run {@value #ROUNDS} times, the two calls released together from a barrier; the callers are resolved
 * before the race, as both requests would have been authenticated while both were still admins.
 */
@QuarkusTest
class LastAdminTest {

    static final int ROUNDS = 50;

    @Inject
    AgroalDataSource db;

    @Inject
    Accounts accounts;

    private String team;
    private String alice;
    private String bob;
    private String aliceToken;
    private String bobToken;
    private ExecutorService pool;

    @BeforeEach
    void team() {
        String nonce = UUID.randomUUID().toString().substring(0, 8);
        team = "last-admin-" + nonce;
        alice = "alice-" + nonce;
        bob = "bob-" + nonce;
        aliceToken = TestUsers.token(db, team, alice, "admin");
        bobToken = TestUsers.token(db, team, bob, "admin");
        pool = Executors.newFixedThreadPool(2);
    }

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    @Test
    void twoAdminsDemotingEachOtherLeaveOneAdmin() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            resetBothAdmins();
            Caller a = accounts.tokenCaller(aliceToken);
            Caller b = accounts.tokenCaller(bobToken);
            List<Object> outcomes = race(() -> accounts.changeRole(a, bob, "member"),
                    () -> accounts.changeRole(b, alice, "member"));
            checkOneWonOneConflicted("round " + round + " (each demotes the other)", outcomes);
        }
    }

    @Test
    void demotingWhileBeingRemovedLeavesOneAdmin() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            resetBothAdmins();
            Caller a = accounts.tokenCaller(aliceToken);
            Caller b = accounts.tokenCaller(bobToken);
            // alternate who starts first in the pool, so both orders of arrival get tried
            Runnable demote = () -> accounts.changeRole(a, bob, "viewer");
            Runnable remove = () -> accounts.removeMember(b, alice);
            List<Object> outcomes = round % 2 == 0 ? race(demote, remove) : race(remove, demote);
            checkOneWonOneConflicted("round " + round + " (demote and remove)", outcomes);
        }
    }

    @Test
    void anAdminDemotedWhileTheirChangeWaitedMayNoLongerChangeRoles() {
        String carol = "carol-" + team;
        TestUsers.token(db, team, carol, "admin");
        Caller a = accounts.tokenCaller(aliceToken); // resolved while alice is an admin
        accounts.changeRole(accounts.tokenCaller(bobToken), alice, "member");
        assertThatThrownBy(() -> accounts.changeRole(a, carol, "viewer")).isInstanceOf(ForbiddenException.class)
                .hasMessageContaining("no longer an admin");
        assertThat(role(carol)).isEqualTo("admin");
    }

    @Test
    void theLastAdminAnswers409OverTheApi() {
        Api.as(aliceToken).contentType("application/json").body("{\"role\":\"member\"}")
                .put("/api/members/" + bob).then().statusCode(200);
        Api.as(aliceToken).contentType("application/json").body("{\"role\":\"member\"}")
                .put("/api/members/" + alice).then().statusCode(409).contentType(Problems.TYPE)
                .body("status", equalTo(409)).body("detail", containsString("only admin"));
        Api.as(aliceToken).delete("/api/members/" + alice).then().statusCode(409).contentType(Problems.TYPE);
        assertThat(admins()).isEqualTo(1);
    }

    /** Runs both at once (released together); each outcome is null (done) or the exception it threw. */
    private List<Object> race(Runnable first, Runnable second) throws Exception {
        CyclicBarrier start = new CyclicBarrier(2);
        List<Future<Object>> futures = new ArrayList<>();
        for (Runnable r : List.of(first, second)) {
            futures.add(pool.submit(() -> {
                start.await(10, TimeUnit.SECONDS);
                try {
                    r.run();
                    return null;
                } catch (RuntimeException e) {
                    return e;
                }
            }));
        }
        List<Object> outcomes = new ArrayList<>();
        for (Future<Object> f : futures) {
            outcomes.add(f.get(30, TimeUnit.SECONDS));
        }
        return outcomes;
    }

    private void checkOneWonOneConflicted(String where, List<Object> outcomes) {
        long admins = admins();
        assertThat(admins).as(where + ": admins left, outcomes " + outcomes).isEqualTo(1);
        assertThat(outcomes.stream().filter(o -> o == null).count()).as(where + ": " + outcomes).isEqualTo(1);
        Object loser = outcomes.stream().filter(o -> o != null).findFirst().orElseThrow();
        assertThat(loser).as(where).isInstanceOf(ConflictException.class);
        assertThat(((Exception) loser).getMessage()).as(where).contains("only admin");
    }

    private void resetBothAdmins() {
        // both admins again, alice a member again if she was removed, and her revoked token valid again
        sql("INSERT INTO team_member (team_id, user_id, role, added_at) SELECT t.id, u.id, 'admin', now()"
                + " FROM team t, app_user u WHERE t.name = ? AND u.username IN (?, ?)"
                + " ON CONFLICT (team_id, user_id) DO UPDATE SET role = 'admin'", team, alice, bob);
        sql("UPDATE api_token SET revoked_at = NULL WHERE team_id = (SELECT id FROM team WHERE name = ?)", team);
        assertThat(admins()).isEqualTo(2);
    }

    private long admins() {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM"
                + " team_member m JOIN team t ON t.id = m.team_id WHERE t.name = ? AND m.role = 'admin'")) {
            ps.setString(1, team);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private String role(String username) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT m.role FROM"
                + " team_member m JOIN team t ON t.id = m.team_id JOIN app_user u ON u.id = m.user_id"
                + " WHERE t.name = ? AND u.username = ?")) {
            ps.setString(1, team);
            ps.setString(2, username);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void sql(String statement, String... parameters) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(statement)) {
            for (int i = 0; i < parameters.length; i++) {
                ps.setString(i + 1, parameters[i]);
            }
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}

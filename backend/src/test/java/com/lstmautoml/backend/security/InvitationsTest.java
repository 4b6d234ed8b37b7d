package com.lstmautoml.backend.security;

import com.lstmautoml.backend.testing.Api;
import com.lstmautoml.backend.testing.TestUsers;
import com.lstmautoml.core.api.Accounts;
import com.lstmautoml.core.api.Caller;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

/**
 * POST /api/members invites (202, the same answer whether or not the username exists) and nothing changes for the
 * invitee until they accept; {@code newUser: true} creates an account; the invitee accepts or declines, an admin
 * revokes; the last-used team is where the next sign-in lands.
 */
@QuarkusTest
class InvitationsTest {

    @Inject
    AgroalDataSource db;

    @Inject
    Accounts accounts;

    private String nonce;
    private String team;
    private String admin;

    @BeforeEach
    void team() {
        nonce = UUID.randomUUID().toString().substring(0, 8);
        team = "inv-" + nonce;
        admin = TestUsers.token(db, team, "inv-admin-" + nonce, "admin");
    }

    private Response invite(String token, String username, String role) {
        return Api.as(token).contentType("application/json")
                .body("{\"username\":\"" + username + "\",\"role\":\"" + role + "\"}").post("/api/members");
    }

    /** A user with a team of their own (and a token there). */
    private String userWithOwnTeam(String username) {
        return TestUsers.token(db, "own-" + username, username, "admin");
    }

    @Test
    void theAnswerIsTheSameWhetherOrNotTheUserExistsAndNothingChangesUntilAccepted() {
        String bob = "inv-bob-" + nonce;
        String bobToken = userWithOwnTeam(bob);
        String ghost = "inv-ghost-" + nonce;

        Response existing = invite(admin, bob.toUpperCase(Locale.ROOT), "member");
        Response missing = invite(admin, ghost, "member");
        Response member = invite(admin, "inv-admin-" + nonce, "member"); // a member already
        for (Response r : new Response[] {existing, missing, member}) {
            r.then().statusCode(202).body("status", equalTo("invited")).body("role", equalTo("member"))
                    .body("invitedBy", equalTo("inv-admin-" + nonce)).body("initialPassword", equalTo(null));
        }
        Map<String, Object> a = existing.jsonPath().getMap("");
        assertThat(a.keySet()).isEqualTo(missing.jsonPath().getMap("").keySet())
                .isEqualTo(member.jsonPath().getMap("").keySet())
                .containsExactlyInAnyOrder("username", "role", "status", "invitedAt", "invitedBy");
        assertThat(existing.getHeaders().asList().stream().map(h -> h.getName()).toList())
                .isEqualTo(missing.getHeaders().asList().stream().map(h -> h.getName()).toList());
        assertThat(a.get("username")).isEqualTo(bob);
        // no user was created, nothing changed for bob: no membership, not in his teams
        assertThat(count("SELECT count(*) FROM app_user WHERE lower(username) = lower(?)", ghost)).isZero();
        assertThat(memberRole(team, bob)).isNull();
        long bobId = userId(bob);
        assertThat(accounts.userCaller(bobId, null).memberships()).doesNotContainKey(teamId(team));
        Api.as(bobToken).get("/api/me").then().statusCode(200).body("team", equalTo("own-" + bob));
        // the admin sees the pending invitations (none for the member)
        Api.as(admin).get("/api/members/invitations").then().statusCode(200)
                .body("username", equalTo(java.util.List.of(bob, ghost)));
        Api.as(admin).get("/api/members").then().body("username", not(hasItem(bob)));

        // bob sees his invitation
        long id = Api.as(bobToken).get("/api/invitations").then().statusCode(200)
                .body("size()", equalTo(1)).body("[0].team", equalTo(team)).body("[0].role", equalTo("member"))
                .body("[0].invitedBy", equalTo("inv-admin-" + nonce)).body("[0].invitedAt", not(equalTo(null)))
                .extract().jsonPath().getLong("[0].id");
        // nobody else can accept or decline it: as if it did not exist
        Api.as(admin).post("/api/invitations/" + id + "/accept").then().statusCode(404);
        Api.as(admin).post("/api/invitations/" + id + "/decline").then().statusCode(404);
        assertThat(memberRole(team, bob)).isNull();
        assertThat(memberRole(team, "inv-admin-" + nonce)).isEqualTo("admin");

        Api.as(bobToken).post("/api/invitations/" + id + "/accept").then().statusCode(200)
                .body("name", equalTo(team)).body("role", equalTo("member"));
        assertThat(memberRole(team, bob)).isEqualTo("member");
        assertThat(accounts.userCaller(bobId, null).memberships()).containsKey(teamId(team));
        assertThat(count("SELECT count(*) FROM team_invitation WHERE id = ?", id)).isZero();
        Api.as(bobToken).get("/api/invitations").then().body("size()", equalTo(0));
        Api.as(bobToken).post("/api/invitations/" + id + "/accept").then().statusCode(404);
        Api.as(admin).get("/api/members").then().body("find { it.username == '" + bob + "' }.role",
                equalTo("member"));
    }

    @Test
    void declineLeavesNoMembershipAndRemovesTheInvitation() {
        String carol = "inv-carol-" + nonce;
        String carolToken = userWithOwnTeam(carol);
        invite(admin, carol, "viewer").then().statusCode(202);
        long id = Api.as(carolToken).get("/api/invitations").then().extract().jsonPath().getLong("[0].id");
        Api.as(carolToken).post("/api/invitations/" + id + "/decline").then().statusCode(204);
        assertThat(memberRole(team, carol)).isNull();
        assertThat(count("SELECT count(*) FROM team_invitation WHERE id = ?", id)).isZero();
        Api.as(admin).get("/api/members/invitations").then().body("size()", equalTo(0));
    }

    @Test
    void adminsRevokeInvitationsOfTheirOwnTeamOnlyAndReInvitingUpdatesTheRole() {
        String dave = "inv-dave-" + nonce;
        String daveToken = userWithOwnTeam(dave);
        invite(admin, dave, "viewer").then().statusCode(202);
        invite(admin, "INV-DAVE-" + nonce, "admin").then().statusCode(202).body("role", equalTo("admin"));
        long id = Api.as(admin).get("/api/members/invitations").then().statusCode(200).body("size()", equalTo(1))
                .body("[0].username", equalTo(dave)).body("[0].role", equalTo("admin"))
                .extract().jsonPath().getLong("[0].id");
        // another team's admin: not found
        String otherAdmin = TestUsers.token(db, "inv-other-" + nonce, "inv-other-admin-" + nonce, "admin");
        Api.as(otherAdmin).delete("/api/members/invitations/" + id).then().statusCode(404);
        Api.as(otherAdmin).get("/api/members/invitations").then().body("id", not(hasItem((int) id)));
        // a member of the team may not
        String member = TestUsers.token(db, team, "inv-member-" + nonce, "member");
        Api.as(member).delete("/api/members/invitations/" + id).then().statusCode(403);

        Api.as(admin).delete("/api/members/invitations/" + id).then().statusCode(204);
        Api.as(daveToken).get("/api/invitations").then().body("size()", equalTo(0));
        Api.as(daveToken).post("/api/invitations/" + id + "/accept").then().statusCode(404);
        Api.as(admin).delete("/api/members/invitations/" + id).then().statusCode(404);
        assertThat(memberRole(team, dave)).isNull();
    }

    @Test
    void anInvitationOfAMissingUsernameWaitsForThatUserAndDiesWithItsTeam() {
        String later = "inv-later-" + nonce;
        invite(admin, later, "viewer").then().statusCode(202);
        // the user is created later (by another team's admin) and sees the invitation
        String otherAdmin = TestUsers.token(db, "inv-elsewhere-" + nonce, "inv-elsewhere-admin-" + nonce, "admin");
        Api.as(otherAdmin).contentType("application/json")
                .body("{\"username\":\"" + later + "\",\"role\":\"member\",\"newUser\":true}").post("/api/members")
                .then().statusCode(201);
        Caller caller = accounts.userCaller(userId(later), null);
        var mine = accounts.myInvitations(caller);
        assertThat(mine).extracting(Accounts.InvitationView::team).containsExactly(team);
        // the team is deleted before they accept: the invitation goes with it
        execute("DELETE FROM team WHERE name = ?", team);
        assertThat(accounts.myInvitations(caller)).isEmpty();
    }

    @Test
    void newUserCreatesTheAccountAndMemberAtOnceUnlessTheNameIsTaken() {
        String fresh = "inv-fresh-" + nonce;
        String password = Api.as(admin).contentType("application/json")
                .body("{\"username\":\"" + fresh + "\",\"role\":\"viewer\",\"newUser\":true}").post("/api/members")
                .then().statusCode(201).body("member.username", equalTo(fresh)).body("member.role", equalTo("viewer"))
                .extract().jsonPath().getString("initialPassword");
        assertThat(password).hasSizeGreaterThanOrEqualTo(20);
        assertThat(memberRole(team, fresh)).isEqualTo("viewer");
        assertThat(accounts.signIn(fresh, password, "192.0.2.40")).isPresent();
        // taken, in any case: 409, and nothing else changes
        Api.as(admin).contentType("application/json")
                .body("{\"username\":\"" + fresh.toUpperCase(Locale.ROOT) + "\",\"role\":\"admin\",\"newUser\":true}")
                .post("/api/members").then().statusCode(409)
                .body("detail", containsString("invite it instead"));
        assertThat(memberRole(team, fresh)).isEqualTo("viewer");
        assertThat(count("SELECT count(*) FROM app_user WHERE lower(username) = lower(?)", fresh)).isEqualTo(1);
        // malformed names are 400s either way
        Api.as(admin).contentType("application/json").body("{\"username\":\"-x\",\"role\":\"viewer\",\"newUser\":true}")
                .post("/api/members").then().statusCode(400).body("errors[0].field", equalTo("username"));
        invite(admin, "-x", "viewer").then().statusCode(400).body("errors[0].field", equalTo("username"));
    }

    @Test
    void theNextSignInLandsInTheTeamLastWorkedIn() {
        // a user in two teams: 'a-…' comes first by name, 'z-…' is joined by invitation
        String teamA = "a-inv-" + nonce;
        String teamZ = "z-inv-" + nonce;
        String adminA = TestUsers.token(db, teamA, "inv-a-admin-" + nonce, "admin");
        String adminZ = TestUsers.token(db, teamZ, "inv-z-admin-" + nonce, "admin");
        String user = "inv-switcher-" + nonce;
        String password = Api.as(adminA).contentType("application/json")
                .body("{\"username\":\"" + user + "\",\"role\":\"member\",\"newUser\":true}").post("/api/members")
                .then().statusCode(201).extract().jsonPath().getString("initialPassword");
        invite(adminZ, user, "viewer").then().statusCode(202);
        Accounts.SignedIn first = accounts.signIn(user, password, "192.0.2.41").orElseThrow();
        Caller c = accounts.sessionCaller(first.userId(), null, first.sessionVersion());
        assertThat(c.teamName()).isEqualTo(teamA);
        Accounts.InvitationView inv = accounts.myInvitations(c).get(0);
        assertThat(accounts.acceptInvitation(c, inv.id()).role()).isEqualTo("viewer");

        // switching to team Z in the navbar (the session acts in Z from then on)
        long z = teamId(teamZ);
        assertThat(accounts.sessionCaller(first.userId(), z, first.sessionVersion()).role().label())
                .isEqualTo("viewer");
        assertThat(count("SELECT count(*) FROM app_user WHERE id = ? AND last_team_id = ?", first.userId(), z))
                .isEqualTo(1);
        Accounts.SignedIn again = accounts.signIn(user, password, "192.0.2.41").orElseThrow();
        assertThat(accounts.sessionCaller(again.userId(), null, again.sessionVersion()).teamId()).isEqualTo(z);
        // removed from Z: the next sign-in falls back to the first team by name
        Api.as(adminZ).delete("/api/members/" + user).then().statusCode(204);
        assertThat(accounts.sessionCaller(again.userId(), null, again.sessionVersion()).teamName()).isEqualTo(teamA);
    }

    // ---------------------------------------------------------------- database

    private String memberRole(String teamName, String username) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT m.role FROM"
                + " team_member m JOIN team t ON t.id = m.team_id JOIN app_user u ON u.id = m.user_id"
                + " WHERE t.name = ? AND u.username = ?")) {
            ps.setString(1, teamName);
            ps.setString(2, username);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private long teamId(String name) {
        return count("SELECT id FROM team WHERE name = ?", name);
    }

    private long userId(String name) {
        return count("SELECT id FROM app_user WHERE username = ?", name);
    }

    private long count(String sql, Object... args) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void execute(String sql, Object... args) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}

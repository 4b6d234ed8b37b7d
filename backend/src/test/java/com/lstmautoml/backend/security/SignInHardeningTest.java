package com.lstmautoml.backend.security;

import com.lstmautoml.backend.service.DatasetService;
import com.lstmautoml.backend.testing.CapturedLog;
import com.lstmautoml.backend.testing.TestUsers;
import com.lstmautoml.core.api.Accounts;
import com.lstmautoml.core.api.ApiDtos;
import com.lstmautoml.core.api.Caller;
import com.lstmautoml.core.api.ConflictException;
import com.lstmautoml.core.api.Datasets;
import com.lstmautoml.core.api.UnauthorizedException;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.LogRecord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Sign-in hardening through the services on the real database: a password change ends the user's other sessions,
 * usernames are case-insensitive and unique, failed and throttled sign-ins are logged without the password, and a new
 * team starts with the bundled dataset.
 */
@QuarkusTest
class SignInHardeningTest {

    @Inject
    AgroalDataSource db;

    @Inject
    Accounts accounts;

    @Inject
    Datasets datasets;

    private String nonce;
    /** The admin of a team of its own, as its token acts. */
    private Caller admin;

    @BeforeEach
    void team() {
        nonce = UUID.randomUUID().toString().substring(0, 8);
        admin = accounts.tokenCaller(TestUsers.token(db, "hardening-" + nonce, "hardening-admin-" + nonce, "admin"));
    }

    /** A new member of the admin's team; its generated password. */
    private String newMember(String username) {
        return accounts.createMember(admin, username, "member").initialPassword();
    }

    @Test
    void changingThePasswordEndsTheUsersOtherSessions() {
        String name = "two-sessions-" + nonce;
        String password = newMember(name);
        Accounts.SignedIn laptop = accounts.signIn(name, password, "192.0.2.20").orElseThrow();
        Accounts.SignedIn phone = accounts.signIn(name, password, "192.0.2.21").orElseThrow();
        assertThat(phone.sessionVersion()).isEqualTo(laptop.sessionVersion());
        assertThat(accounts.sessionCaller(phone.userId(), null, phone.sessionVersion()).username()).isEqualTo(name);

        Caller onLaptop = accounts.sessionCaller(laptop.userId(), null, laptop.sessionVersion());
        long next = accounts.changePassword(onLaptop, password, "a-new-passphrase-" + nonce);
        assertThat(next).isNotEqualTo(laptop.sessionVersion());

        // the other session is refused from its next call on (the dashboard then shows the sign-in page) ...
        assertThatThrownBy(() -> accounts.sessionCaller(phone.userId(), null, phone.sessionVersion()))
                .isInstanceOf(UnauthorizedException.class).hasMessageContaining("password");
        assertThatThrownBy(() -> accounts.sessionCaller(phone.userId(), admin.teamId(), phone.sessionVersion()))
                .isInstanceOf(UnauthorizedException.class);
        // ... the one that changed it goes on with the new version, and a new sign-in gets that version too
        assertThat(accounts.sessionCaller(laptop.userId(), null, next).username()).isEqualTo(name);
        assertThat(accounts.signIn(name, password, "192.0.2.21")).isEmpty();
        assertThat(accounts.signIn(name, "a-new-passphrase-" + nonce, "192.0.2.21").orElseThrow().sessionVersion())
                .isEqualTo(next);
    }

    @Test
    void usernamesAreCaseInsensitiveAndUnique() throws SQLException {
        String name = "casey-" + nonce;
        String password = newMember(name);
        // signing in in another case is the same user, under their stored name
        Accounts.SignedIn signedIn = accounts.signIn(name.toUpperCase(Locale.ROOT), password, "192.0.2.22")
                .orElseThrow();
        assertThat(signedIn.username()).isEqualTo(name);
        // inviting CASEY to another team invites the existing casey (no second account, no new password)
        Caller other = accounts.tokenCaller(TestUsers.token(db, "hardening-other-" + nonce, "hardening-admin2-" + nonce,
                "admin"));
        Accounts.Invited invited = accounts.invite(other, name.toUpperCase(Locale.ROOT), "viewer");
        assertThat(invited.username()).isEqualTo(name);
        Caller casey = accounts.sessionCaller(signedIn.userId(), null, signedIn.sessionVersion());
        accounts.acceptInvitation(casey, accounts.myInvitations(casey).get(0).id());
        assertThat(usersNamed(name)).isEqualTo(1);
        assertThat(accounts.sessionCaller(signedIn.userId(), null, signedIn.sessionVersion()).memberships())
                .containsKeys(admin.teamId(), other.teamId());
        // creating it again, in any case, is a conflict: the name is taken
        assertThatThrownBy(() -> accounts.createMember(admin, "Casey-" + nonce, "viewer"))
                .isInstanceOf(ConflictException.class);
        // roles and removals find them in any case too
        assertThat(accounts.changeRole(other, name.toUpperCase(Locale.ROOT), "member").role()).isEqualTo("member");
        // and the database refuses a second user differing only in case
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO app_user (username, password_hash, created_at) VALUES (?, 'x', now())")) {
            ps.setString(1, "CASEY-" + nonce);
            assertThatThrownBy(ps::executeUpdate).isInstanceOf(SQLException.class)
                    .hasMessageContaining("app_user_username_lower_key");
        }
        assertThat(usersNamed(name)).isEqualTo(1);
    }

    @Test
    void failedAndThrottledSignInsAreLoggedWithoutThePassword() {
        String name = "logged-" + nonce;
        newMember(name);
        String secret = "Hunter2-guess-" + nonce;
        String address = "198.51.100." + (1 + (int) (Math.random() * 250));
        List<LogRecord> records;
        try (CapturedLog log = CapturedLog.start()) {
            // the free failures, one that starts a delay, and one refused during it
            for (int i = 0; i <= SignInThrottle.PER_USERNAME.freeFailures() + 1; i++) {
                assertThat(accounts.signIn(name, secret + i, address)).isEmpty();
            }
            assertThat(accounts.signIn("nobody-" + nonce, secret, address)).isEmpty();
            records = log.records();
        }
        List<String> lines = records.stream().map(CapturedLog::text).toList();
        List<String> ours = lines.stream().filter(l -> l.contains(address)).toList();
        assertThat(lines).noneMatch(l -> l.contains(secret));
        assertThat(ours).filteredOn(l -> l.contains("failed sign-in as '" + name + "'")).hasSize(4);
        assertThat(ours).anyMatch(l -> l.contains("failed sign-in as 'nobody-" + nonce + "'"));
        assertThat(records).filteredOn(r -> CapturedLog.text(r).contains(address) && r.getLevel().intValue() >= Level.WARNING
                .intValue()).extracting(CapturedLog::text)
                .anyMatch(l -> l.contains("slowing sign-ins down") && l.contains(name))
                .anyMatch(l -> l.contains("refused unchecked") && l.contains(name));
    }

    /** A record as a log line would read it: the message, its parameters, and the message formatted with them. */
    @Test
    void aNewTeamStartsWithTheBundledDataset() {
        String name = "founder-" + nonce;
        String password = newMember(name);
        Accounts.SignedIn founder = accounts.signIn(name, password, "192.0.2.23").orElseThrow();
        Caller c = accounts.sessionCaller(founder.userId(), null, founder.sessionVersion());
        Accounts.TeamView team = accounts.createTeam(c, "founded-" + nonce);
        Caller inNewTeam = accounts.sessionCaller(founder.userId(), team.id(), founder.sessionVersion());
        assertThat(datasets.list(inNewTeam)).extracting(ApiDtos.DatasetView::name)
                .containsExactly(DatasetService.BUNDLED);
        assertThat(datasets.get(inNewTeam, DatasetService.BUNDLED).rows()).isEqualTo(144);
    }

    private long usersNamed(String name) throws SQLException {
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM app_user WHERE lower(username) = ?")) {
            ps.setString(1, name.toLowerCase(Locale.ROOT));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}

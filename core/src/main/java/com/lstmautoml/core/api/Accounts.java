package com.lstmautoml.core.api;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Users, teams, memberships and API tokens: sign-in for the dashboard, bearer tokens for the REST API. */
public interface Accounts {

    /**
     * A user whose password matched.
     *
     * @param sessionVersion the user's session stamp now: a session keeps it and passes it to {@link #sessionCaller};
     *                       a password change moves it on, which ends every other session of the user
     */
    record SignedIn(long userId, String username, long sessionVersion) {
    }

    /** One of the user's teams with the user's role there. */
    record TeamView(long id, String name, String role) {
    }

    /** A member of a team. */
    record MemberView(String username, String role, Instant addedAt, Instant lastSignInAt) {
    }

    /**
     * A member just added; {@code initialPassword} is set (shown this once) when the user did not exist and was
     * created with a generated password.
     */
    record MemberAdded(MemberView member, String initialPassword) {
    }

    /** An API token as listed: never its secret. */
    record TokenView(long id, String name, String role, String prefix, String createdBy, Instant createdAt,
                     Instant lastUsedAt, Instant revokedAt) {
    }

    /** A token just created: {@code secret} (the bearer value) is shown this once and stored only as a hash. */
    record CreatedToken(TokenView token, String secret) {
    }

    /**
     * Checks a username (of any case) and password; empty when they do not match (saying neither which nor why), and
     * also while repeated failures of that username or from that address slow sign-ins down.
     *
     * @param clientAddress the address the attempt came from (null: unknown), for the throttle and the log
     */
    Optional<SignedIn> signIn(String username, String password, String clientAddress);

    /**
     * {@link #userCaller} for a dashboard session that signed in with {@code sessionVersion} (from {@link SignedIn},
     * or from {@link #changePassword} in the session that changed it).
     *
     * @throws UnauthorizedException when the user's password was changed since (the session has ended), the user no
     *                               longer exists or belongs to no team
     * @throws NotFoundException     when the user is not a member of {@code teamId}
     */
    Caller sessionCaller(long userId, Long teamId, long sessionVersion);

    /**
     * The caller a signed-in user is, acting in {@code teamId} (null: the user's first team).
     *
     * @throws UnauthorizedException when the user no longer exists or belongs to no team
     * @throws NotFoundException     when the user is not a member of {@code teamId}
     */
    Caller userCaller(long userId, Long teamId);

    /**
     * The caller an API token is (its team and role); records its last use.
     *
     * @throws UnauthorizedException when the token is unknown or revoked
     */
    Caller tokenCaller(String secret);

    /** The teams of the caller's user, by name (a token: its one team). */
    List<TeamView> teams(Caller caller);

    /**
     * Creates a team whose admin is the caller's user (dashboard users only).
     *
     * @throws com.lstmautoml.core.validation.ValidationException when the name is taken or malformed
     */
    TeamView createTeam(Caller caller, String name);

    /** The members of the caller's team, by username (any role may read them). */
    List<MemberView> members(Caller caller);

    /**
     * Adds a user to the caller's team (admin); usernames are case-insensitive ({@code ADMIN} is the existing
     * {@code admin}), and a username that does not exist yet becomes a new user with a generated
     * password, returned once.
     */
    MemberAdded addMember(Caller caller, String username, String role);

    /** Changes a member's role (admin); the team's last admin cannot step down (409). */
    MemberView changeRole(Caller caller, String username, String role);

    /** Removes a member from the caller's team (admin); not the last admin (409). Their API tokens there go too. */
    void removeMember(Caller caller, String username);

    /** The API tokens of the caller's team, newest first (admin). */
    List<TokenView> tokens(Caller caller);

    /** Creates an API token for the caller's team (admin), with a role no higher than the caller's. */
    CreatedToken createToken(Caller caller, String name, String role);

    /** Revokes a token of the caller's team (admin); it answers 401 from then on. */
    TokenView revokeToken(Caller caller, long tokenId);

    /**
     * Changes the caller's own password (dashboard users only), which ends the user's other sessions.
     *
     * @return the user's new session version, for the session that changed it to go on with
     * @throws com.lstmautoml.core.validation.ValidationException when the current one is wrong or the new one weak
     */
    long changePassword(Caller caller, String currentPassword, String newPassword);
}

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
     * A new user just created and added as a member; {@code initialPassword} (generated) is shown this once.
     */
    record MemberAdded(MemberView member, String initialPassword) {
    }

    /**
     * The answer to an invitation: the same whether or not the username exists, or is a member already
     * ({@code status} is always {@code "invited"}).
     */
    record Invited(String username, String role, String status, Instant invitedAt, String invitedBy) {
    }

    /**
     * A pending invitation: as its team's admins see it, and as the invited user does ({@code team} names the team).
     * {@code invitedBy} is null once the inviting user no longer exists.
     */
    record InvitationView(long id, long teamId, String team, String username, String role, String invitedBy,
                          Instant invitedAt) {
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
     * The caller a signed-in user is, acting in {@code teamId} (null: the team the user last acted in, else their first
     * team by name). A team given here is remembered as the user's last team, where their next sign-in lands.
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
     * Invites a username (any case) to the caller's team with a role no higher than the caller's (admin). Nothing
     * changes for that user until they {@link #acceptInvitation accept}; a username nobody has yet waits for a user
     * of that name. Inviting again updates the role; inviting a member creates nothing. The answer never tells which
     * of these it was.
     *
     * @throws com.lstmautoml.core.validation.ValidationException when the username or role is malformed
     */
    Invited invite(Caller caller, String username, String role);

    /**
     * Creates a new user with a generated password (returned once) and makes them a member of the caller's team at
     * once (admin).
     *
     * @throws ConflictException when a user of that name (in any case) exists: invite them instead
     */
    MemberAdded createMember(Caller caller, String username, String role);

    /** The pending invitations of the caller's team, by username (admin). */
    List<InvitationView> teamInvitations(Caller caller);

    /**
     * Revokes a pending invitation of the caller's team (admin).
     *
     * @throws NotFoundException when there is no such invitation in the caller's team
     */
    void revokeInvitation(Caller caller, long invitationId);

    /** The caller's user's own pending invitations, oldest first (a token: its creator's). */
    List<InvitationView> myInvitations(Caller caller);

    /**
     * Accepts one of the caller's user's invitations: they become a member of its team with its role, and it goes.
     *
     * @return the team joined, with the role there
     * @throws NotFoundException when it is not a pending invitation of the caller's user, or its team is gone
     */
    TeamView acceptInvitation(Caller caller, long invitationId);

    /**
     * Declines one of the caller's user's invitations: it goes, and nothing else changes.
     *
     * @throws NotFoundException when it is not a pending invitation of the caller's user
     */
    void declineInvitation(Caller caller, long invitationId);

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

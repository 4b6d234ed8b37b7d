package com.lstmautoml.core.api;

import java.util.Map;
import java.util.Optional;

/**
 * Who calls a service, resolved fresh for each request from a dashboard session or an API token: every service
 * method takes one, and answers only with the objects of the caller's teams.
 *
 * @param userId      the signed-in user, or the user who created the token
 * @param username    recorded as createdBy of what the caller creates
 * @param teamId      the team the caller acts in: lists show its objects, creations belong to it
 * @param teamName    that team's name
 * @param role        the caller's role in {@code teamId}
 * @param memberships every team the caller may read, with its role there (a token: its one team)
 * @param tokenId     the API token the call came with; null for a dashboard session
 */
public record Caller(long userId, String username, long teamId, String teamName, Role role,
                     Map<Long, Role> memberships, Long tokenId) {

    public Caller {
        memberships = Map.copyOf(memberships);
        if (memberships.get(teamId) != role) {
            throw new IllegalArgumentException("the caller's role in its own team must be among its memberships");
        }
    }

    /** A caller with one team only (an API token, or a user of one team). */
    public static Caller of(long userId, String username, long teamId, String teamName, Role role, Long tokenId) {
        return new Caller(userId, username, teamId, teamName, role, Map.of(teamId, role), tokenId);
    }

    /** The caller's role in a team; empty when it is not a member (its objects are then "not found"). */
    public Optional<Role> roleIn(long team) {
        return Optional.ofNullable(memberships.get(team));
    }

    public boolean canRead(long team) {
        return memberships.containsKey(team);
    }

    /** Whether the caller's role in {@code team} is at least {@code min}. */
    public boolean can(long team, Role min) {
        Role r = memberships.get(team);
        return r != null && r.atLeast(min);
    }

    /**
     * @param action what the caller tried, for the message ("create experiments")
     * @throws ForbiddenException when the caller's role in its own team is below {@code min}
     */
    public void require(Role min, String action) {
        require(teamId, min, action);
    }

    /**
     * Checks a write on an object of {@code team}; the caller must already be able to read it (callers check
     * {@link #canRead} first and answer "not found" otherwise).
     *
     * @throws ForbiddenException when the caller's role there is below {@code min}
     */
    public void require(long team, Role min, String action) {
        Role r = memberships.get(team);
        if (r == null || !r.atLeast(min)) {
            throw new ForbiddenException("to " + action + " you need the role " + min.label() + " or higher in this"
                    + " team; " + (tokenId == null ? "you are " : "this API token is ")
                    + (r == null ? "not a member" : r.label()) + (r == null ? "" : " (a team admin can change that)"));
        }
    }

    public boolean isToken() {
        return tokenId != null;
    }
}

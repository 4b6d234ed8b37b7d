package com.lstmautoml.ui.fakes;

import com.lstmautoml.core.api.Accounts;
import com.lstmautoml.core.api.Caller;
import com.lstmautoml.core.api.ConflictException;
import com.lstmautoml.core.api.NotFoundException;
import com.lstmautoml.core.api.Role;
import com.lstmautoml.core.api.UnauthorizedException;
import com.lstmautoml.core.validation.ValidationException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * In-memory users, teams, memberships and tokens with the service's rules (admins manage, the last admin stays,
 * token roles no higher than the creator's); records the calls tests look at.
 */
public class FakeAccounts implements Accounts {

    public static final Instant NOW = Instant.parse("2024-03-01T12:00:00Z");

    public record User(long id, String username, String password) {
    }

    public record Team(long id, String name) {
    }

    public final Map<String, User> users = new LinkedHashMap<>();
    public final Map<Long, Team> teams = new LinkedHashMap<>();
    /** team id → username → role */
    public final Map<Long, Map<String, Role>> memberships = new LinkedHashMap<>();
    public final List<TokenView> tokens = new ArrayList<>();
    /** Pending invitations, in the order made. */
    public final List<InvitationView> invitations = new ArrayList<>();
    /** "accept 7", "decline 8", "revoke 9", "invite dora:viewer", in order. */
    public final List<String> invitationCalls = new ArrayList<>();
    public final List<String> signIns = new ArrayList<>();
    /** The client address of each sign-in, in order (null: none known). */
    public final List<String> signInAddresses = new ArrayList<>();
    /** user id → session version (0 when absent); a password change moves it on. */
    public final Map<Long, Long> sessionVersions = new LinkedHashMap<>();
    public final List<String> passwordChanges = new ArrayList<>();
    public int userCallerCalls;
    /** The secret of the last token created. */
    public String lastSecret;
    private long nextId = 100;

    /** ann: admin of "forecasting" (the fixture team); bob: member there; vic: viewer there. Passwords "secret-&lt;name&gt;". */
    public static FakeAccounts withFixtureTeam() {
        FakeAccounts a = new FakeAccounts();
        a.user(1, "ann");
        a.user(2, "bob");
        a.user(3, "vic");
        a.team(Fixtures.TEAM, "forecasting");
        a.join(Fixtures.TEAM, "ann", Role.ADMIN);
        a.join(Fixtures.TEAM, "bob", Role.MEMBER);
        a.join(Fixtures.TEAM, "vic", Role.VIEWER);
        return a;
    }

    public User user(long id, String username) {
        User u = new User(id, username, "secret-" + username);
        users.put(username, u);
        return u;
    }

    public void team(long id, String name) {
        teams.put(id, new Team(id, name));
        memberships.put(id, new LinkedHashMap<>());
    }

    public void join(long team, String username, Role role) {
        memberships.get(team).put(username, role);
    }

    private User userById(long id) {
        return users.values().stream().filter(u -> u.id() == id).findFirst()
                .orElseThrow(() -> new UnauthorizedException("no such user"));
    }

    @Override
    public Optional<SignedIn> signIn(String username, String password, String clientAddress) {
        signIns.add(username);
        signInAddresses.add(clientAddress);
        User u = users.get(username);
        return u != null && u.password().equals(password)
                ? Optional.of(new SignedIn(u.id(), u.username(), sessionVersion(u.id()))) : Optional.empty();
    }

    public long sessionVersion(long userId) {
        return sessionVersions.getOrDefault(userId, 0L);
    }

    @Override
    public Caller sessionCaller(long userId, Long teamId, long sessionVersion) {
        if (sessionVersion(userId) != sessionVersion) {
            userCallerCalls++;
            throw new UnauthorizedException("the password was changed since this session signed in");
        }
        return userCaller(userId, teamId);
    }

    @Override
    public Caller userCaller(long userId, Long teamId) {
        userCallerCalls++;
        User u = userById(userId);
        Map<Long, Role> roles = new LinkedHashMap<>();
        memberships.forEach((team, members) -> {
            if (members.containsKey(u.username())) {
                roles.put(team, members.get(u.username()));
            }
        });
        if (roles.isEmpty()) {
            throw new UnauthorizedException("in no team");
        }
        long team = teamId != null ? teamId : roles.keySet().stream()
                .min(Comparator.comparing(t -> teams.get(t).name())).orElseThrow();
        if (!roles.containsKey(team)) {
            throw new NotFoundException("no team " + team);
        }
        return new Caller(u.id(), u.username(), team, teams.get(team).name(), roles.get(team), roles, null);
    }

    @Override
    public Caller tokenCaller(String secret) {
        throw new UnauthorizedException("tokens are not checked here");
    }

    @Override
    public List<TeamView> teams(Caller caller) {
        return caller.memberships().entrySet().stream()
                .map(e -> new TeamView(e.getKey(), teams.get(e.getKey()).name(), e.getValue().label()))
                .sorted(Comparator.comparing(TeamView::name)).toList();
    }

    @Override
    public TeamView createTeam(Caller caller, String name) {
        if (name == null || name.isBlank()) {
            throw new ValidationException("name", "is required");
        }
        if (teams.values().stream().anyMatch(t -> t.name().equals(name))) {
            throw new ValidationException("name", "is taken");
        }
        long id = nextId++;
        team(id, name);
        join(id, caller.username(), Role.ADMIN);
        return new TeamView(id, name, Role.ADMIN.label());
    }

    @Override
    public List<MemberView> members(Caller caller) {
        return memberships.get(caller.teamId()).entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> new MemberView(e.getKey(), e.getValue().label(), NOW, null)).toList();
    }

    @Override
    public Invited invite(Caller caller, String username, String role) {
        caller.require(Role.ADMIN, "manage members");
        if (username == null || username.isBlank()) {
            throw new ValidationException("username", "is required");
        }
        Role r = Role.parse(role, "role");
        invitationCalls.add("invite " + username + ":" + r.label());
        invitations.removeIf(i -> i.teamId() == caller.teamId() && i.username().equalsIgnoreCase(username));
        if (!memberships.get(caller.teamId()).containsKey(username)) {
            invitations.add(new InvitationView(nextId++, caller.teamId(), teams.get(caller.teamId()).name(),
                    username, r.label(), caller.username(), NOW));
        }
        return new Invited(username, r.label(), "invited", NOW, caller.username());
    }

    @Override
    public MemberAdded createMember(Caller caller, String username, String role) {
        caller.require(Role.ADMIN, "manage members");
        if (username == null || username.isBlank()) {
            throw new ValidationException("username", "is required");
        }
        Role r = Role.parse(role, "role");
        if (users.containsKey(username)) {
            throw new ConflictException("that username is taken; invite it instead (leave out newUser)");
        }
        String initial = "initial-" + username;
        users.put(username, new User(nextId++, username, initial));
        join(caller.teamId(), username, r);
        return new MemberAdded(new MemberView(username, r.label(), NOW, null), initial);
    }

    @Override
    public List<InvitationView> teamInvitations(Caller caller) {
        caller.require(Role.ADMIN, "see the team's invitations");
        return invitations.stream().filter(i -> i.teamId() == caller.teamId()).toList();
    }

    @Override
    public void revokeInvitation(Caller caller, long invitationId) {
        caller.require(Role.ADMIN, "manage members");
        invitationCalls.add("revoke " + invitationId);
        if (!invitations.removeIf(i -> i.id() == invitationId && i.teamId() == caller.teamId())) {
            throw new NotFoundException("no invitation " + invitationId + " in this team");
        }
    }

    @Override
    public List<InvitationView> myInvitations(Caller caller) {
        return invitations.stream().filter(i -> i.username().equalsIgnoreCase(caller.username())).toList();
    }

    private InvitationView own(Caller caller, long invitationId) {
        return myInvitations(caller).stream().filter(i -> i.id() == invitationId).findFirst()
                .orElseThrow(() -> new NotFoundException("you have no invitation " + invitationId));
    }

    @Override
    public TeamView acceptInvitation(Caller caller, long invitationId) {
        invitationCalls.add("accept " + invitationId);
        InvitationView i = own(caller, invitationId);
        invitations.remove(i);
        join(i.teamId(), caller.username(), Role.parse(i.role(), "role"));
        return new TeamView(i.teamId(), i.team(), i.role());
    }

    @Override
    public void declineInvitation(Caller caller, long invitationId) {
        invitationCalls.add("decline " + invitationId);
        invitations.remove(own(caller, invitationId));
    }

    @Override
    public MemberView changeRole(Caller caller, String username, String role) {
        caller.require(Role.ADMIN, "manage members");
        Role r = Role.parse(role, "role");
        Map<String, Role> members = memberships.get(caller.teamId());
        if (!members.containsKey(username)) {
            throw new NotFoundException("no member " + username);
        }
        if (members.get(username) == Role.ADMIN && r != Role.ADMIN && admins(members) == 1) {
            throw new ConflictException("the team's last admin cannot step down");
        }
        members.put(username, r);
        return new MemberView(username, r.label(), NOW, null);
    }

    private static long admins(Map<String, Role> members) {
        return members.values().stream().filter(x -> x == Role.ADMIN).count();
    }

    @Override
    public void removeMember(Caller caller, String username) {
        caller.require(Role.ADMIN, "manage members");
        Map<String, Role> members = memberships.get(caller.teamId());
        if (members.get(username) == Role.ADMIN && admins(members) == 1) {
            throw new ConflictException("the team's last admin cannot leave");
        }
        if (members.remove(username) == null) {
            throw new NotFoundException("no member " + username);
        }
    }

    @Override
    public List<TokenView> tokens(Caller caller) {
        caller.require(Role.ADMIN, "manage API tokens");
        return List.copyOf(tokens);
    }

    @Override
    public CreatedToken createToken(Caller caller, String name, String role) {
        caller.require(Role.ADMIN, "manage API tokens");
        if (name == null || name.isBlank()) {
            throw new ValidationException("name", "is required");
        }
        Role r = Role.parse(role, "role");
        if (!caller.role().atLeast(r)) {
            throw new ValidationException("role", "no higher than your own");
        }
        long id = nextId++;
        String secret = "lat_" + id + "_s3cr3t";
        TokenView t = new TokenView(id, name, r.label(), secret.substring(0, 10) + "…", caller.username(), NOW, null, null);
        tokens.add(0, t);
        lastSecret = secret;
        return new CreatedToken(t, secret);
    }

    @Override
    public TokenView revokeToken(Caller caller, long tokenId) {
        caller.require(Role.ADMIN, "manage API tokens");
        for (int i = 0; i < tokens.size(); i++) {
            TokenView t = tokens.get(i);
            if (t.id() == tokenId) {
                TokenView revoked = new TokenView(t.id(), t.name(), t.role(), t.prefix(), t.createdBy(), t.createdAt(),
                        t.lastUsedAt(), NOW);
                tokens.set(i, revoked);
                return revoked;
            }
        }
        throw new NotFoundException("no token " + tokenId);
    }

    @Override
    public long changePassword(Caller caller, String currentPassword, String newPassword) {
        User u = users.get(caller.username());
        if (!u.password().equals(currentPassword)) {
            throw new ValidationException("currentPassword", "is not your current password");
        }
        if (newPassword == null || newPassword.length() < 8) {
            throw new ValidationException("newPassword", "must have at least 8 characters");
        }
        users.put(u.username(), new User(u.id(), u.username(), newPassword));
        passwordChanges.add(u.username());
        long version = sessionVersion(u.id()) + 1;
        sessionVersions.put(u.id(), version);
        return version;
    }

    /** The names of the members of a team, for assertions. */
    public String memberList(long team) {
        return memberships.get(team).entrySet().stream().map(e -> e.getKey() + ":" + e.getValue().label())
                .collect(Collectors.joining(","));
    }
}

package com.lstmautoml.backend.security;

import com.lstmautoml.backend.config.AutomlConfig;
import com.lstmautoml.backend.domain.ApiToken;
import com.lstmautoml.backend.domain.AppUser;
import com.lstmautoml.backend.domain.Team;
import com.lstmautoml.backend.domain.TeamInvitation;
import com.lstmautoml.backend.domain.TeamMember;
import com.lstmautoml.backend.service.DatasetService;
import com.lstmautoml.core.api.Accounts;
import com.lstmautoml.core.api.Caller;
import com.lstmautoml.core.api.ConflictException;
import com.lstmautoml.core.api.ForbiddenException;
import com.lstmautoml.core.api.NotFoundException;
import com.lstmautoml.core.api.Role;
import com.lstmautoml.core.api.UnauthorizedException;
import com.lstmautoml.core.validation.FieldError;
import com.lstmautoml.core.validation.ValidationException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** Users, teams, memberships and API tokens (see {@link Accounts}); the rules of who may do what are here. */
@ApplicationScoped
@Transactional
public class AccountService implements Accounts {

    private static final Logger LOG = Logger.getLogger(AccountService.class);

    /** Same rules as the CHECK constraints of V4. */
    public static final Pattern USERNAME = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$");
    public static final Pattern TEAM_NAME = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$");
    public static final int MAX_TOKEN_NAME = 100;
    /** A token's last use is written at most this often (not one write per request). */
    static final Duration LAST_USED_GRANULARITY = Duration.ofMinutes(1);

    private final Clock clock;
    private final Passwords passwords;
    private final SignInThrottle throttle;
    private final DatasetService datasets;

    public AccountService(Clock clock, AutomlConfig config, DatasetService datasets) {
        this.clock = clock;
        this.passwords = new Passwords(config.security().bcryptCost());
        this.throttle = new SignInThrottle(clock);
        this.datasets = datasets;
    }

    Passwords passwords() {
        return passwords;
    }

    /**
     * Checks the password unless the throttle refuses the username or the address; logs failures and refusals with the
     * username (an excerpt) and the address, never the password.
     */
    @Override
    public Optional<SignedIn> signIn(String username, String password, String clientAddress) {
        String who = loggable(username);
        String from = clientAddress == null || clientAddress.isBlank() ? "an unknown address" : loggable(clientAddress);
        Optional<SignInThrottle.Refusal> refused = throttle.refusal(username, clientAddress);
        if (refused.isPresent()) {
            passwords.matches(password, null); // the time of a check, so that a refusal looks like any other
            SignInThrottle.Refusal r = refused.get();
            if (r.first()) {
                LOG.warnf("sign-in as '%s' from %s refused unchecked: too many failed sign-ins of this %s; it is"
                        + " admitted again in %d s (further refusals of this delay are not logged)", who, from,
                        r.kind().label(), seconds(r.retryAfter()));
            }
            return Optional.empty();
        }
        Optional<AppUser> user = username == null || username.length() > 64 ? Optional.empty()
                : AppUser.findByUsername(username.strip());
        if (!passwords.matches(password, user.map(u -> u.passwordHash).orElse(null))) {
            SignInThrottle.Failure f = throttle.failed(username, clientAddress);
            LOG.infof("failed sign-in as '%s' from %s (%s); recent failures: %d of this username, %d from this"
                    + " address", who, from, user.isPresent() ? "wrong password" : "no such user",
                    f.usernameFailures(), f.addressFailures());
            if (f.delayed()) {
                LOG.warnf("slowing sign-ins down after repeated failures: username '%s' refused for %d s, address %s"
                        + " for %d s", who, seconds(f.usernameDelay()), from, seconds(f.addressDelay()));
            }
            return Optional.empty();
        }
        throttle.succeeded(username);
        AppUser u = user.get();
        u.lastSignInAt = clock.instant();
        return Optional.of(new SignedIn(u.id, u.username, u.sessionVersion));
    }

    /** User input fit for one log line: control characters replaced, cut to an excerpt. */
    static String loggable(String text) {
        if (text == null) {
            return "(none)";
        }
        return FieldError.excerpt(text.codePoints().map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString());
    }

    private static long seconds(Duration d) {
        return (d.toMillis() + 999) / 1000;
    }

    @Override
    public Caller sessionCaller(long userId, Long teamId, long sessionVersion) {
        AppUser user = AppUser.<AppUser>findByIdOptional(userId)
                .orElseThrow(() -> new UnauthorizedException("this account no longer exists; sign in again"));
        if (user.sessionVersion != sessionVersion) {
            throw new UnauthorizedException("the password of " + user.username + " was changed since this session"
                    + " signed in; sign in again with the new one");
        }
        return caller(user, teamId);
    }

    @Override
    public Caller userCaller(long userId, Long teamId) {
        AppUser user = AppUser.<AppUser>findByIdOptional(userId)
                .orElseThrow(() -> new UnauthorizedException("this account no longer exists; sign in again"));
        return caller(user, teamId);
    }

    private Caller caller(AppUser user, Long teamId) {
        long userId = user.id;
        List<TeamMember> memberships = TeamMember.ofUser(userId);
        if (memberships.isEmpty()) {
            throw new UnauthorizedException("user " + user.username + " belongs to no team; ask a team admin to add"
                    + " you");
        }
        Map<Long, Role> roles = new HashMap<>();
        memberships.forEach(m -> roles.put(m.key.teamId, m.role));
        Map<Long, String> names = teamNames(roles.keySet());
        if (teamId != null && !roles.containsKey(teamId)) {
            throw new NotFoundException("user " + user.username + " is not a member of team " + teamId);
        }
        long team;
        if (teamId != null) {
            team = teamId;
            if (!teamId.equals(user.lastTeamId)) {
                user.lastTeamId = teamId; // remembered: the next sign-in lands here (written only when it changes)
            }
        } else if (user.lastTeamId != null && roles.containsKey(user.lastTeamId)) {
            team = user.lastTeamId;
        } else {
            team = roles.keySet().stream().min(Comparator.comparing(names::get)).orElseThrow();
        }
        return new Caller(user.id, user.username, team, names.get(team), roles.get(team), roles, null);
    }

    @Override
    public Caller tokenCaller(String secret) {
        if (!TokenSecrets.plausible(secret)) {
            throw new UnauthorizedException("not an API token of this service; send Authorization: Bearer lsa_...");
        }
        ApiToken token = ApiToken.findByHash(TokenSecrets.hash(secret))
                .orElseThrow(() -> new UnauthorizedException("unknown API token; a team admin can create one"));
        if (token.revokedAt != null) {
            throw new UnauthorizedException("this API token was revoked; a team admin can create a new one");
        }
        TeamMember creator = TeamMember.<TeamMember>findByIdOptional(key(token.teamId, token.userId))
                .orElseThrow(() -> new UnauthorizedException("the user who created this API token left the team;"
                        + " a team admin can create a new one"));
        AppUser user = AppUser.findById(token.userId);
        Team team = Team.findById(token.teamId);
        // never above what its creator may do now
        Role role = token.role.atLeast(creator.role) ? creator.role : token.role;
        Instant now = clock.instant();
        if (token.lastUsedAt == null || token.lastUsedAt.isBefore(now.minus(LAST_USED_GRANULARITY))) {
            token.lastUsedAt = now;
        }
        return Caller.of(user.id, user.username, team.id, team.name, role, token.id);
    }

    @Override
    public List<TeamView> teams(Caller caller) {
        Map<Long, String> names = teamNames(caller.memberships().keySet());
        return caller.memberships().entrySet().stream()
                .map(e -> new TeamView(e.getKey(), names.get(e.getKey()), e.getValue().label()))
                .sorted(Comparator.comparing(TeamView::name)).toList();
    }

    @Override
    public TeamView createTeam(Caller caller, String name) {
        if (caller.isToken()) {
            throw new ForbiddenException("API tokens belong to one team and cannot create teams; create it in the"
                    + " dashboard");
        }
        String n = name == null ? "" : name.strip();
        if (!TEAM_NAME.matcher(n).matches()) {
            throw new ValidationException("name", "give the team a name of 1 to 64 letters, digits, '.', '_' or '-',"
                    + " starting with a letter or digit");
        }
        if (Team.findByName(n).isPresent()) {
            throw new ValidationException("name", "a team named '" + n + "' exists already; choose another name");
        }
        Team team = newTeam(n);
        addMembership(team.id, caller.userId(), Role.ADMIN);
        datasets.seedBundled(team.id); // every team starts with the bundled dataset, as the first one does
        return new TeamView(team.id, team.name, Role.ADMIN.label());
    }

    /** A new team (the caller adds its first admin). */
    Team newTeam(String name) {
        Team team = new Team();
        team.name = name;
        team.createdAt = clock.instant();
        team.persist();
        return team;
    }

    void addMembership(long teamId, long userId, Role role) {
        TeamMember m = new TeamMember();
        m.key = key(teamId, userId);
        m.role = role;
        m.addedAt = clock.instant();
        m.persist();
    }

    /** A new user with a checked username and an already checked password. */
    AppUser newUser(String username, String password) {
        AppUser u = new AppUser();
        u.username = username;
        u.passwordHash = passwords.hash(password);
        u.createdAt = clock.instant();
        u.persist();
        return u;
    }

    @Override
    public List<MemberView> members(Caller caller) {
        List<TeamMember> members = TeamMember.ofTeam(caller.teamId());
        if (members.isEmpty()) {
            return List.of();
        }
        Map<Long, AppUser> users = new HashMap<>();
        AppUser.<AppUser>list("id in ?1", members.stream().map(m -> m.key.userId).toList())
                .forEach(u -> users.put(u.id, u));
        return members.stream().map(m -> member(m, users.get(m.key.userId)))
                .sorted(Comparator.comparing(MemberView::username)).toList();
    }

    /** A checked username (stripped), or a 400 naming the field. */
    private static String checkedUsername(String username) {
        String name = username == null ? "" : username.strip();
        if (!USERNAME.matcher(name).matches()) {
            throw new ValidationException("username", "a username is 1 to 64 letters, digits, '.', '_', '@' or '-',"
                    + " starting with a letter or digit");
        }
        return name;
    }

    /** A role no higher than the caller's own (an invitation or a new member can never exceed the inviter). */
    private static Role grantable(Caller caller, String role) {
        Role r = Role.parse(role, "role");
        if (!caller.role().atLeast(r)) {
            throw new ValidationException("role", "cannot be above your own role (" + caller.role().label() + ")");
        }
        return r;
    }

    @Override
    public Invited invite(Caller caller, String username, String role) {
        caller.require(Role.ADMIN, "manage members");
        String name = TeamInvitation.normalize(checkedUsername(username));
        Role r = grantable(caller, role);
        Instant now = clock.instant();
        // the same answer in every case: whether the user exists or is a member already is not told
        Invited answer = new Invited(name, r.label(), "invited", now, caller.username());
        Optional<AppUser> existing = AppUser.findByUsername(name);
        if (existing.isPresent()
                && TeamMember.findByIdOptional(key(caller.teamId(), existing.get().id)).isPresent()) {
            return answer; // a member already: nothing to invite to
        }
        // one pending invitation per team and username (the unique index); concurrent invitations of the same name
        // run one after the other on the team's row lock
        lockTeam(caller.teamId());
        TeamInvitation inv = TeamInvitation.find(caller.teamId(), name).orElseGet(TeamInvitation::new);
        inv.teamId = caller.teamId();
        inv.username = name;
        inv.role = r;
        inv.invitedByUserId = caller.userId();
        inv.invitedAt = now;
        if (inv.id == null) {
            inv.persist();
        }
        return answer;
    }

    @Override
    public MemberAdded createMember(Caller caller, String username, String role) {
        caller.require(Role.ADMIN, "manage members");
        String name = checkedUsername(username);
        Role r = grantable(caller, role);
        if (AppUser.findByUsername(name).isPresent()) {
            throw new ConflictException("that username is taken; invite it instead (leave out newUser)");
        }
        String initialPassword = Passwords.generate();
        AppUser user = newUser(name, initialPassword);
        addMembership(caller.teamId(), user.id, r);
        // an invitation of this name to this team is settled by the membership
        TeamInvitation.delete("teamId = ?1 and lower(username) = lower(?2)", caller.teamId(), name);
        TeamMember m = TeamMember.findById(key(caller.teamId(), user.id));
        return new MemberAdded(member(m, user), initialPassword);
    }

    @Override
    public List<InvitationView> teamInvitations(Caller caller) {
        caller.require(Role.ADMIN, "see the team's invitations");
        return invitations(TeamInvitation.ofTeam(caller.teamId()));
    }

    @Override
    public void revokeInvitation(Caller caller, long invitationId) {
        caller.require(Role.ADMIN, "manage members");
        TeamInvitation inv = TeamInvitation.<TeamInvitation>findByIdOptional(invitationId)
                .filter(i -> i.teamId == caller.teamId())
                .orElseThrow(() -> new NotFoundException("no invitation " + invitationId + " in this team"));
        inv.delete();
    }

    @Override
    public List<InvitationView> myInvitations(Caller caller) {
        return invitations(TeamInvitation.ofUsername(caller.username()));
    }

    /** One of the caller's user's invitations, or 404 (another user's invitation looks exactly like none). */
    private static TeamInvitation own(Caller caller, long invitationId) {
        return TeamInvitation.<TeamInvitation>findByIdOptional(invitationId)
                .filter(i -> i.username.equalsIgnoreCase(caller.username()))
                .orElseThrow(() -> new NotFoundException("you have no invitation " + invitationId));
    }

    @Override
    public TeamView acceptInvitation(Caller caller, long invitationId) {
        TeamInvitation inv = own(caller, invitationId);
        long teamId = inv.teamId;
        lockTeam(teamId); // 404 when the team was deleted meanwhile
        // read again under the team's lock: revoked or accepted meanwhile is a 404 too
        inv = TeamInvitation.<TeamInvitation>findByIdOptional(invitationId)
                .orElseThrow(() -> new NotFoundException("you have no invitation " + invitationId));
        Optional<TeamMember> already = TeamMember.findByIdOptional(key(teamId, caller.userId()));
        Role role = already.map(m -> m.role).orElse(inv.role);
        if (already.isEmpty()) {
            addMembership(teamId, caller.userId(), inv.role);
        }
        inv.delete();
        Team team = Team.findById(teamId);
        return new TeamView(team.id, team.name, role.label());
    }

    @Override
    public void declineInvitation(Caller caller, long invitationId) {
        own(caller, invitationId).delete();
    }

    private static List<InvitationView> invitations(List<TeamInvitation> list) {
        if (list.isEmpty()) {
            return List.of();
        }
        Map<Long, String> teams = teamNames(list.stream().map(i -> i.teamId).distinct().toList());
        Map<Long, String> inviters = usernames(list.stream().map(i -> i.invitedByUserId)
                .filter(java.util.Objects::nonNull).toList());
        return list.stream().map(i -> new InvitationView(i.id, i.teamId, teams.get(i.teamId), i.username,
                i.role.label(), i.invitedByUserId == null ? null : inviters.get(i.invitedByUserId), i.invitedAt))
                .toList();
    }

    @Override
    public MemberView changeRole(Caller caller, String username, String role) {
        caller.require(Role.ADMIN, "manage members");
        Role r = Role.parse(role, "role");
        lockTeam(caller.teamId());
        TeamMember m = membership(caller, username);
        if (m.role == Role.ADMIN && r != Role.ADMIN && TeamMember.admins(caller.teamId()) == 1) {
            throw new ConflictException(username + " is the team's only admin; make someone else admin first");
        }
        stillAdmin(caller, "manage members");
        m.role = r;
        return member(m, AppUser.findById(m.key.userId));
    }

    @Override
    public void removeMember(Caller caller, String username) {
        caller.require(Role.ADMIN, "manage members");
        lockTeam(caller.teamId());
        TeamMember m = membership(caller, username);
        if (m.role == Role.ADMIN && TeamMember.admins(caller.teamId()) == 1) {
            throw new ConflictException(username + " is the team's only admin; make someone else admin first");
        }
        stillAdmin(caller, "manage members");
        Instant now = clock.instant();
        ApiToken.update("revokedAt = ?1 where teamId = ?2 and userId = ?3 and revokedAt is null", now,
                caller.teamId(), m.key.userId);
        m.delete();
    }

    @Override
    public List<TokenView> tokens(Caller caller) {
        caller.require(Role.ADMIN, "see the team's API tokens");
        List<ApiToken> tokens = ApiToken.list("teamId = ?1 order by createdAt desc, id desc", caller.teamId());
        Map<Long, String> usernames = usernames(tokens.stream().map(t -> t.userId).toList());
        return tokens.stream().map(t -> token(t, usernames.get(t.userId))).toList();
    }

    @Override
    public CreatedToken createToken(Caller caller, String name, String role) {
        caller.require(Role.ADMIN, "create API tokens");
        String n = name == null ? "" : name.strip();
        if (n.isEmpty() || n.length() > MAX_TOKEN_NAME) {
            throw new ValidationException("name", "name the token (1 to " + MAX_TOKEN_NAME + " characters), e.g."
                    + " after the script or machine that uses it");
        }
        if (n.chars().anyMatch(Character::isISOControl)) {
            // U+0000 cannot be stored in PostgreSQL text; other control characters garble lists and logs
            throw new ValidationException("name", "contains a control character (such as NUL, U+0000); use"
                    + " printable characters only");
        }
        Role r = Role.parse(role, "role");
        if (!caller.role().atLeast(r)) {
            throw new ValidationException("role", "cannot be above your own role (" + caller.role().label() + ")");
        }
        String secret = TokenSecrets.generate();
        ApiToken t = store(caller.teamId(), caller.userId(), n, r, secret);
        return new CreatedToken(token(t, caller.username()), secret);
    }

    ApiToken store(long teamId, long userId, String name, Role role, String secret) {
        ApiToken t = new ApiToken();
        t.teamId = teamId;
        t.userId = userId;
        t.name = name;
        t.role = role;
        t.tokenHash = TokenSecrets.hash(secret);
        t.prefix = TokenSecrets.shown(secret);
        t.createdAt = clock.instant();
        t.persist();
        return t;
    }

    @Override
    public TokenView revokeToken(Caller caller, long tokenId) {
        caller.require(Role.ADMIN, "revoke API tokens");
        ApiToken t = ApiToken.<ApiToken>findByIdOptional(tokenId).filter(x -> x.teamId == caller.teamId())
                .orElseThrow(() -> new NotFoundException("no API token " + tokenId + " in this team"));
        if (t.revokedAt == null) {
            t.revokedAt = clock.instant();
        }
        return token(t, usernames(List.of(t.userId)).get(t.userId));
    }

    @Override
    public long changePassword(Caller caller, String currentPassword, String newPassword) {
        if (caller.isToken()) {
            throw new ForbiddenException("API tokens cannot change passwords; use the dashboard");
        }
        // locked: of two changes at once, the second sees the first's session version and moves it on again
        AppUser u = AppUser.<AppUser>findByIdOptional(caller.userId(), LockModeType.PESSIMISTIC_WRITE)
                .orElseThrow(() -> new UnauthorizedException("this account no longer exists"));
        if (!passwords.matches(currentPassword, u.passwordHash)) {
            throw new ValidationException("currentPassword", "is not your current password");
        }
        String weak = Passwords.weakness(newPassword);
        if (weak != null) {
            throw new ValidationException("newPassword", weak);
        }
        u.passwordHash = passwords.hash(newPassword);
        u.sessionVersion++; // every session signed in before ends at its next call; the caller's goes on with this
        LOG.infof("user %s changed their password; their other sessions have ended", u.username);
        return u.sessionVersion;
    }

    /**
     * Locks the team's row until the transaction ends, so that role changes and removals of one team run one at a
     * time: each counts the admins after the previous one committed, and two of them can never together leave the
     * team without an admin. {@code FOR NO KEY UPDATE} conflicts with itself but not with the key-share locks that
     * inserts of the team's datasets, experiments and tokens take through their foreign keys.
     */
    static void lockTeam(long teamId) {
        List<?> locked = Team.getEntityManager()
                .createNativeQuery("SELECT id FROM team WHERE id = ?1 FOR NO KEY UPDATE")
                .setParameter(1, teamId).getResultList();
        if (locked.isEmpty()) {
            throw new NotFoundException("team " + teamId + " no longer exists");
        }
    }

    /**
     * After {@link #lockTeam}: the caller's role read again, since a change that committed while this one waited for
     * the lock may have demoted or removed them (a token acts with at most its creator's current role).
     */
    private static void stillAdmin(Caller caller, String action) {
        Role now = TeamMember.<TeamMember>findByIdOptional(key(caller.teamId(), caller.userId()))
                .map(m -> m.role).orElse(null);
        if (now != Role.ADMIN) {
            throw new ForbiddenException("you are no longer an admin of this team (" + (now == null ? "not a member"
                    : now.label()) + "); an admin can " + action);
        }
    }

    private TeamMember membership(Caller caller, String username) {
        String name = username == null ? "" : username.strip();
        return AppUser.findByUsername(name)
                .flatMap(u -> TeamMember.<TeamMember>findByIdOptional(key(caller.teamId(), u.id)))
                .orElseThrow(() -> new NotFoundException("no member '" + name + "' in this team"));
    }

    static TeamMember.Key key(long teamId, long userId) {
        TeamMember.Key k = new TeamMember.Key();
        k.teamId = teamId;
        k.userId = userId;
        return k;
    }

    private static Map<Long, String> teamNames(java.util.Collection<Long> ids) {
        Map<Long, String> names = new LinkedHashMap<>();
        if (!ids.isEmpty()) {
            Team.<Team>list("id in ?1", List.copyOf(ids)).forEach(t -> names.put(t.id, t.name));
        }
        return names;
    }

    private static Map<Long, String> usernames(List<Long> ids) {
        Map<Long, String> names = new HashMap<>();
        if (!ids.isEmpty()) {
            AppUser.<AppUser>list("id in ?1", ids.stream().distinct().toList())
                    .forEach(u -> names.put(u.id, u.username));
        }
        return names;
    }

    private static MemberView member(TeamMember m, AppUser u) {
        return new MemberView(u.username, m.role.label(), m.addedAt, u.lastSignInAt);
    }

    private static TokenView token(ApiToken t, String createdBy) {
        return new TokenView(t.id, t.name, t.role.label(), t.prefix, createdBy, t.createdAt, t.lastUsedAt,
                t.revokedAt);
    }
}

package com.lstmautoml.backend.security;

import com.lstmautoml.backend.config.AutomlConfig;
import com.lstmautoml.backend.domain.ApiToken;
import com.lstmautoml.backend.domain.AppUser;
import com.lstmautoml.backend.domain.Team;
import com.lstmautoml.backend.domain.TeamMember;
import com.lstmautoml.backend.service.DatasetService;
import com.lstmautoml.core.api.Role;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.nio.file.Path;

/**
 * What a fresh install needs to be usable at once: a team, its admin (with a generated password shown once on the
 * terminal or left in a file of the data folder, see {@link FirstStartPassword}; or the configured one), the bundled dataset, and optionally a configured admin API token for scripts. Runs at every
 * start and does only what is missing; an advisory lock keeps two starting services from doing it twice.
 */
@ApplicationScoped
public class FirstStart {

    private static final Logger LOG = Logger.getLogger(FirstStart.class);
    private static final long LOCK_KEY = 0x6c73746d61646d6eL; // "lstmadmn"

    private final AutomlConfig config;
    private final AccountService accounts;
    private final DatasetService datasets;

    public FirstStart(AutomlConfig config, AccountService accounts, DatasetService datasets) {
        this.config = config;
        this.accounts = accounts;
        this.datasets = datasets;
    }

    void onStart(@Observes StartupEvent event) {
        ensure();
    }

    @Transactional
    void ensure() {
        Team.getEntityManager().createNativeQuery("select pg_advisory_xact_lock(?1)").setParameter(1, LOCK_KEY)
                .getSingleResult();
        Team team = Team.<Team>find("order by id").firstResultOptional().orElseGet(() -> accounts.newTeam("default"));
        AutomlConfig.Security security = config.security();
        if (AppUser.count() == 0) {
            String password = security.adminPassword().orElse(null);
            boolean generated = password == null;
            if (generated) {
                password = Passwords.generate();
            } else if (Passwords.weakness(password) != null) {
                throw new IllegalStateException("automl.security.admin-password " + Passwords.weakness(password));
            }
            AppUser admin = accounts.newUser(security.adminUsername(), password);
            accounts.addMembership(team.id, admin.id, Role.ADMIN);
            LOG.infof("created user %s, admin of team %s", admin.username, team.name);
            if (generated) {
                FirstStartPassword.forThisProcess(Path.of(config.dataDir())).tell(admin.username, password);
            }
        }
        security.adminToken().ifPresent(secret -> ensureToken(team, secret));
        datasets.seedBundled(team.id);
    }

    private void ensureToken(Team team, String secret) {
        if (!TokenSecrets.plausible(secret)) {
            throw new IllegalStateException("automl.security.admin-token must start with " + TokenSecrets.PREFIX
                    + " and have 20 to 200 characters");
        }
        if (ApiToken.findByHash(TokenSecrets.hash(secret)).isPresent()) {
            return;
        }
        AppUser admin = AppUser.findByUsername(config.security().adminUsername())
                .filter(u -> TeamMember.findByIdOptional(AccountService.key(team.id, u.id))
                        .map(m -> ((TeamMember) m).role == Role.ADMIN).orElse(false))
                .orElseThrow(() -> new IllegalStateException("automl.security.admin-token needs the user "
                        + config.security().adminUsername() + " to be an admin of team " + team.name));
        accounts.store(team.id, admin.id, "automl.security.admin-token", Role.ADMIN, secret);
        LOG.infof("created the configured admin API token for team %s", team.name);
    }
}

package com.lstmautoml.backend.events;

import com.lstmautoml.core.api.TrialEvents;
import com.lstmautoml.core.events.TrialEventBus;
import com.lstmautoml.core.events.TrialNotifications;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.postgresql.Driver;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Optional;
import java.util.Properties;

/**
 * The service's {@link TrialEvents}, what the dashboard's live views subscribe to: one in-process
 * {@link TrialEventBus}, fed by {@link TrialNotifications} on a connection of its own to the service's PostgreSQL
 * (the datasource's URL and credentials, outside the pool: it stays in LISTEN for good). Every writer of trials, this
 * process's workers and the external ones alike, is heard through the database's triggers.
 */
@ApplicationScoped
public class TrialEventsBeans {

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String url;

    @ConfigProperty(name = "quarkus.datasource.username")
    Optional<String> username;

    @ConfigProperty(name = "quarkus.datasource.password")
    Optional<String> password;

    private TrialNotifications notifications;

    @Produces
    @Singleton
    @Typed({TrialEventBus.class, TrialEvents.class})
    TrialEventBus trialEventBus() {
        return new TrialEventBus();
    }

    void closeBus(@Disposes TrialEventBus bus) {
        bus.close();
    }

    /** Starts listening with the service (the views may subscribe before; they hear "everything" once it listens). */
    void start(@Observes StartupEvent event, TrialEventBus bus, Clock clock) {
        notifications = new TrialNotifications(this::connect, bus, clock, TrialNotifications.Config.DEFAULTS);
        notifications.start();
    }

    void stop(@Observes ShutdownEvent event) {
        if (notifications != null) {
            notifications.close();
        }
    }

    /** Whether the listener is in LISTEN now (tests). */
    public boolean listening() {
        return notifications != null && notifications.listening();
    }

    private Connection connect() throws SQLException {
        Properties p = new Properties();
        username.ifPresent(u -> p.setProperty("user", u));
        password.ifPresent(pw -> p.setProperty("password", pw));
        p.setProperty("ApplicationName", "lstm-automl trial events");
        // a connection lost without a word is noticed by the listener's periodic SELECT 1 within this
        p.setProperty("socketTimeout", "30");
        p.setProperty("connectTimeout", "5");
        p.setProperty("tcpKeepAlive", "true");
        Connection c = new Driver().connect(url, p);
        if (c == null) {
            throw new SQLException("not a PostgreSQL JDBC URL: " + url);
        }
        return c;
    }
}

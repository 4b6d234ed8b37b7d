package com.lstmautoml.core.queue;

import com.lstmautoml.core.db.Jdbc;
import javax.sql.DataSource;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

/**
 * The {@code worker} table: who is (or was) training. A worker registers before its first claim (trials reference
 * it) and beats periodically so the dashboard can tell live workers from gone ones.
 */
public final class WorkerRegistry {

    private static final String UPSERT = """
            INSERT INTO worker (id, host, backend, device, started_at, last_heartbeat_at) VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT (id) DO UPDATE SET host = EXCLUDED.host, backend = EXCLUDED.backend,
                device = EXCLUDED.device, started_at = EXCLUDED.started_at,
                last_heartbeat_at = EXCLUDED.last_heartbeat_at
            """;

    private final DataSource dataSource;
    private final Clock clock;

    public WorkerRegistry(DataSource dataSource, Clock clock) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Inserts or replaces the worker's row; started_at and last_heartbeat_at become now. */
    public void register(WorkerInfo info) {
        Objects.requireNonNull(info, "info");
        Instant now = clock.instant();
        Jdbc.inTransaction(dataSource, "register worker " + info.id(), c -> {
            try (PreparedStatement ps = c.prepareStatement(UPSERT)) {
                ps.setString(1, info.id());
                ps.setString(2, info.host());
                ps.setString(3, info.backend().name());
                ps.setString(4, info.device());
                Jdbc.setInstant(ps, 5, now);
                Jdbc.setInstant(ps, 6, now);
                return ps.executeUpdate();
            }
        });
    }

    /**
     * Sets last_heartbeat_at to now.
     *
     * @return false when the worker is not registered (its row was deleted): register again
     */
    public boolean beat(String workerId) {
        Objects.requireNonNull(workerId, "workerId");
        Instant now = clock.instant();
        return Jdbc.inTransaction(dataSource, "beat worker " + workerId, c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE worker SET last_heartbeat_at = ? WHERE id = ?")) {
                Jdbc.setInstant(ps, 1, now);
                ps.setString(2, workerId);
                return ps.executeUpdate() > 0;
            }
        });
    }
}

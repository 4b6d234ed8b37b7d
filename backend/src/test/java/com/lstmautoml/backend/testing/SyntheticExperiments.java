package com.lstmautoml.backend.testing;

import io.agroal.api.AgroalDataSource;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Inserts a finished (CANCELLED) experiment on the bundled dataset with {@code n} trials directly in SQL, so neither
 * the scheduler nor the workers touch it. Trial {@code i}: every 10th (i % 10 = 9) FAILED without RMSEs, i % 10 = 8
 * PRUNED, the rest COMPLETED; valRmse = 1 + ((i × 7919) mod 10007) / 100 (distinct, scrambled order); params
 * {"units": 4 + i % 5, "lookBack": 2 + i % 3, "learningRate": 0.001 × (1 + i % 7)}; each ran 2 s.
 */
public final class SyntheticExperiments {

    private SyntheticExperiments() {
    }

    public static long insert(AgroalDataSource dataSource, String name, int trials) {
        return insert(dataSource, name, trials, false);
    }

    /**
     * Like {@link #insert(AgroalDataSource, String, int)}, but RUNNING and stable: one more trial (number
     * {@code trials}) is RUNNING with a lease an hour long and no more trials are due (trialsCreated = maxTrials =
     * trials + 1), so the scheduler neither adds trials nor completes it, no worker claims anything, and the rescuer
     * leaves the lease alone. End it with {@link #end}.
     */
    public static long insertRunning(AgroalDataSource dataSource, String name, int trials) {
        return insert(dataSource, name, trials, true);
    }

    /** Cancels a synthetic experiment and its running trial. */
    public static void end(AgroalDataSource dataSource, long id) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement t = c.prepareStatement("UPDATE trial SET state = 'CANCELLED', finished_at = now(),"
                     + " lease_expires_at = NULL WHERE experiment_id = ? AND state = 'RUNNING'");
             PreparedStatement e = c.prepareStatement("UPDATE experiment SET state = 'CANCELLED',"
                     + " stop_reason = 'CANCELLED', finished_at = now() WHERE id = ? AND state = 'RUNNING'")) {
            t.setLong(1, id);
            t.executeUpdate();
            e.setLong(1, id);
            e.executeUpdate();
        } catch (SQLException ex) {
            throw new IllegalStateException("could not end the synthetic experiment " + id, ex);
        }
    }

    private static long insert(AgroalDataSource dataSource, String name, int trials, boolean running) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            long id;
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO experiment (name, dataset_id, target, strategy, max_trials, parallelism, max_epochs,
                                            patience, seed, train_fraction, val_fraction, search_space, state,
                                            trials_created, created_by, created_at, finished_at, team_id,
                                            stop_reason)
                    SELECT ?, d.id, 'Passengers', 'random', ?, 4, 3, 2, 7, 0.7, 0.15, '{}'::jsonb, ?,
                           ?, 'synthetic', now(), CASE WHEN ? THEN NULL ELSE now() END, d.team_id,
                           CASE WHEN ? THEN NULL ELSE 'CANCELLED' END
                      FROM dataset d WHERE d.name = 'airline-passengers'
                       AND d.team_id = (SELECT id FROM team WHERE name = 'default')
                    RETURNING id""")) {
                int created = running ? trials + 1 : trials;
                ps.setString(1, name);
                ps.setInt(2, Math.max(1, created));
                ps.setString(3, running ? "RUNNING" : "CANCELLED");
                ps.setInt(4, created);
                ps.setBoolean(5, running);
                ps.setBoolean(6, running);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    id = rs.getLong(1);
                }
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO trial (experiment_id, number, state, params, model_config, attempt, max_attempts,
                                       queued_at, started_at, finished_at, train_rmse, val_rmse, epochs_run,
                                       best_epoch, stop_reason, error)
                    SELECT ?, i,
                           CASE i % 10 WHEN 9 THEN 'FAILED' WHEN 8 THEN 'PRUNED' ELSE 'COMPLETED' END,
                           jsonb_build_object('units', 4 + i % 5, 'lookBack', 2 + i % 3,
                                              'learningRate', 0.001 * (1 + i % 7)),
                           '{}', 1, 3,
                           now() - interval '1 hour', now() - interval '1 hour' + i * interval '2 seconds',
                           now() - interval '1 hour' + (i + 1) * interval '2 seconds',
                           CASE WHEN i % 10 = 9 THEN NULL ELSE 1 + ((i * 7919) % 10007) / 100.0 END,
                           CASE WHEN i % 10 = 9 THEN NULL ELSE 1 + ((i * 7919) % 10007) / 100.0 END,
                           3, 2, 'max epochs', CASE WHEN i % 10 = 9 THEN 'synthetic failure' END
                      FROM generate_series(0, ? - 1) AS i""")) {
                ps.setLong(1, id);
                ps.setInt(2, trials);
                ps.executeUpdate();
            }
            if (running) {
                try (PreparedStatement ps = c.prepareStatement("""
                        INSERT INTO trial (experiment_id, number, state, params, model_config, attempt, max_attempts,
                                           queued_at, started_at, heartbeat_at, lease_expires_at)
                        VALUES (?, ?, 'RUNNING', '{"units": 4}', '{}', 1, 3, now(), now(), now(),
                                now() + interval '1 hour')""")) {
                    ps.setLong(1, id);
                    ps.setInt(2, trials);
                    ps.executeUpdate();
                }
            }
            c.commit();
            return id;
        } catch (SQLException e) {
            throw new IllegalStateException("could not insert the synthetic experiment " + name, e);
        }
    }

    /** The valRmse {@link #insert} gives trial {@code i}, or null for a FAILED one. */
    public static Double valRmse(int i) {
        return i % 10 == 9 ? null : 1 + ((i * 7919L) % 10007) / 100.0;
    }
}

package com.lstmautoml.core.worker;

import com.lstmautoml.core.data.Table;
import com.lstmautoml.core.queue.ClaimedTrial;
import com.lstmautoml.core.db.Jdbc;
import com.lstmautoml.core.data.SplitFractions;
import com.lstmautoml.core.space.Task;
import com.lstmautoml.core.text.TextCorpus;
import com.lstmautoml.core.training.TrialJob;

import javax.sql.DataSource;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;

/** Loads a trial's experiment and dataset with plain JDBC and builds its {@link TrialJob}: a forecast's or a text's. */
public final class TrialInputRepository {

    private static final String EXPERIMENT_SQL = """
            SELECT e.id, e.dataset_id, e.target, e.features, e.train_fraction, e.val_fraction, e.max_epochs,
                   e.min_epochs, e.patience, e.seed, d.time_column, d.time_values, e.validation_windows, e.task,
                   t.content
              FROM experiment e JOIN dataset d ON d.id = e.dataset_id
                   LEFT JOIN dataset_text t ON t.dataset_id = d.id AND e.task = 'generate'
             WHERE e.id = ?
            """;

    private static final String COLUMNS_SQL =
            "SELECT name, vals FROM dataset_column WHERE dataset_id = ? AND name = ANY (?) ORDER BY position";

    private final DataSource dataSource;

    public TrialInputRepository(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /** The training job of a claimed trial. */
    public TrialJob jobFor(ClaimedTrial trial) {
        return load(trial.experimentId()).jobFor(trial);
    }

    /**
     * Loads an experiment's settings and the columns of its dataset it uses.
     *
     * @throws NoSuchElementException   when the experiment does not exist
     * @throws IllegalArgumentException when the dataset lacks the target or a feature column, or holds a null value
     */
    public TrialInputs load(long experimentId) {
        // one transaction: the experiment, its dataset and its columns from one snapshot
        return Jdbc.inTransaction(dataSource, "load inputs of experiment " + experimentId,
                c -> load(c, experimentId));
    }

    private static TrialInputs load(Connection c, long experimentId) throws SQLException {
        long datasetId;
        String target;
        List<String> features;
        SplitFractions split;
        int maxEpochs;
        int minEpochs;
        int patience;
        long seed;
        String timeColumn;
        List<String> times;
        int validationWindows;
        Task task;
        String text;
        try (PreparedStatement ps = c.prepareStatement(EXPERIMENT_SQL)) {
            ps.setLong(1, experimentId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new NoSuchElementException("experiment " + experimentId + " does not exist");
                }
                datasetId = rs.getLong("dataset_id");
                target = rs.getString("target");
                features = Arrays.asList(strings(rs.getArray("features")));
                split = new SplitFractions(rs.getDouble("train_fraction"), rs.getDouble("val_fraction"));
                maxEpochs = rs.getInt("max_epochs");
                minEpochs = rs.getInt("min_epochs");
                patience = rs.getInt("patience");
                seed = rs.getLong("seed");
                timeColumn = rs.getString("time_column");
                times = Arrays.asList(strings(rs.getArray("time_values")));
                validationWindows = rs.getInt("validation_windows");
                task = Task.GENERATE.key().equals(rs.getString("task")) ? Task.GENERATE : Task.FORECAST;
                text = rs.getString("content");
            }
        }
        if (task == Task.GENERATE) {
            if (text == null) {
                throw new IllegalArgumentException("dataset " + datasetId + " of generation experiment "
                        + experimentId + " holds no text");
            }
            return new TrialInputs(experimentId, datasetId, task, null, TextCorpus.of(text), target, features, split,
                    maxEpochs, minEpochs, patience, seed, validationWindows);
        }
        List<String> wanted = new ArrayList<>();
        wanted.add(target);
        for (String f : features) {
            if (!wanted.contains(f)) {
                wanted.add(f);
            }
        }
        Map<String, double[]> columns = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement(COLUMNS_SQL)) {
            ps.setLong(1, datasetId);
            ps.setArray(2, c.createArrayOf("text", wanted.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String name = rs.getString("name");
                    columns.put(name, doubles(rs.getArray("vals"), name));
                }
            }
        }
        for (String name : wanted) {
            if (!columns.containsKey(name)) {
                throw new IllegalArgumentException("dataset " + datasetId + " of experiment " + experimentId
                        + " has no column '" + name + "'");
            }
        }
        return new TrialInputs(experimentId, datasetId, task, new Table(timeColumn, times, columns), null, target,
                features, split, maxEpochs, minEpochs, patience, seed, validationWindows);
    }

    private static String[] strings(Array array) throws SQLException {
        if (array == null) {
            return new String[0];
        }
        try {
            return (String[]) array.getArray();
        } finally {
            array.free();
        }
    }

    private static double[] doubles(Array array, String column) throws SQLException {
        try {
            Object raw = array.getArray();
            if (raw instanceof double[] primitive) {
                return primitive;
            }
            Double[] boxed = (Double[]) raw;
            double[] values = new double[boxed.length];
            for (int i = 0; i < boxed.length; i++) {
                if (boxed[i] == null) {
                    throw new IllegalArgumentException("column '" + column + "' has no value in row " + i);
                }
                values[i] = boxed[i];
            }
            return values;
        } finally {
            array.free();
        }
    }
}

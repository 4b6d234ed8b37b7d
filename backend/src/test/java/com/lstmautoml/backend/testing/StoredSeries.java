package com.lstmautoml.backend.testing;

import com.lstmautoml.core.data.Table;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A stored dataset's column read straight from PostgreSQL, for computing expected figures independently. */
public final class StoredSeries {

    private StoredSeries() {
    }

    /** The time labels and one numeric column of the dataset {@code name}, as the service stores them. */
    public static Table read(DataSource dataSource, String name, String column) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT d.time_column, d.time_values, dc.vals FROM dataset d"
                     + " JOIN dataset_column dc ON dc.dataset_id = d.id AND dc.name = ? WHERE d.name = ?")) {
            ps.setString(1, column);
            ps.setString(2, name);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalArgumentException("no dataset " + name + " with a column " + column);
                }
                List<String> times = Arrays.asList((String[]) rs.getArray(2).getArray());
                Object raw = rs.getArray(3).getArray();
                double[] values = raw instanceof double[] d ? d
                        : Arrays.stream((Double[]) raw).mapToDouble(Double::doubleValue).toArray();
                Map<String, double[]> cols = new LinkedHashMap<>();
                cols.put(column, values);
                return new Table(rs.getString(1), times, cols);
            }
        }
    }

    /** The AirPassengers series every test database holds. */
    public static Table airPassengers(DataSource dataSource) throws SQLException {
        return read(dataSource, "airline-passengers", "Passengers");
    }
}

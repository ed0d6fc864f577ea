package dev.ticketing.proof.check;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** One read-only query against a service database of the run's engine, row by row. */
public final class Db {
    public interface Row {
        void accept(ResultSet rs) throws SQLException;
    }

    private Db() {
    }

    public static void query(String url, String sql, Row row) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, "postgres", ""); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) row.accept(rs);
        }
    }
}

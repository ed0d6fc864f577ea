package dev.ticketing.proof.check;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Statements against a database of the run's engine, as its superuser: a query row by row, or statements in turn. */
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

    /** Each statement in turn, on one connection. */
    public static void execute(String url, String... sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, "postgres", ""); Statement s = c.createStatement()) {
            for (String q : sql) s.execute(q);
        }
    }
}

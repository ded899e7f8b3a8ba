package dev.sluice.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * The statements of one open transaction, as both SQL stores run them (SQLite's one connection, or a PostgreSQL
 * connection borrowed for the transaction). A failure is thrown as it is; the transaction around it decides what
 * becomes of it.
 */
interface Statements {

    /** Turns the current row into a value. */
    interface RowReader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    /** The values {@code reader} makes of each row the query yields. */
    <T> List<T> rows(String sql, RowReader<T> reader, Object... args) throws SQLException;

    /** The jobs that a SELECT, or a statement ending in RETURNING the job columns, yields. */
    default List<Job> query(String sql, Object... args) throws SQLException {
        return rows(sql, JobRows::map, args);
    }

    /** The first column of the first row as an int; 0 when there is no row. */
    int scalar(String sql, Object... args) throws SQLException;

    /** How many rows the statement changed. */
    int update(String sql, Object... args) throws SQLException;
}

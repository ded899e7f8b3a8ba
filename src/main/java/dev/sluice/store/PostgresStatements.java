package dev.sluice.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The statements of one transaction on a pooled PostgreSQL connection. Each is prepared and closed in place: the
 * driver keeps the server-side prepared statements of the connection's frequent SQL by itself.
 */
final class PostgresStatements implements Statements {

    private final Connection connection;

    PostgresStatements(Connection connection) {
        this.connection = connection;
    }

    @Override
    public <T> List<T> rows(String sql, RowReader<T> reader, Object... args) throws SQLException {
        try (PreparedStatement statement = prepare(sql, args); ResultSet rs = statement.executeQuery()) {
            List<T> values = new ArrayList<>();
            while (rs.next()) {
                values.add(reader.read(rs));
            }
            return values;
        }
    }

    @Override
    public int scalar(String sql, Object... args) throws SQLException {
        try (PreparedStatement statement = prepare(sql, args); ResultSet rs = statement.executeQuery()) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }

    @Override
    public int update(String sql, Object... args) throws SQLException {
        try (PreparedStatement statement = prepare(sql, args)) {
            return statement.executeUpdate();
        }
    }

    /**
     * Runs {@code work} inside a savepoint of the transaction: when it fails, what it did is undone and empty is
     * returned, and the rest of the transaction stands.
     */
    <T> java.util.Optional<T> undoable(Transactions.Work<T> work) throws SQLException {
        java.sql.Savepoint savepoint = connection.setSavepoint();
        try {
            T result = work.run(this);
            connection.releaseSavepoint(savepoint);
            return java.util.Optional.ofNullable(result);
        } catch (SQLException | RuntimeException failed) {
            connection.rollback(savepoint);
            return java.util.Optional.empty();
        }
    }

    private PreparedStatement prepare(String sql, Object... args) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        try {
            for (int i = 0; i < args.length; i++) {
                statement.setObject(i + 1, args[i]);
            }
            return statement;
        } catch (SQLException e) {
            statement.close();
            throw e;
        }
    }
}

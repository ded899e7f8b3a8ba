package dev.sluice.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Base64;

/**
 * A column of the store as an export carries it: integers (instants are epoch milliseconds in both databases) as JSON
 * numbers, text as JSON strings, bytes (SQLite's BLOB, PostgreSQL's BYTEA) as base64 strings; NULL as null.
 */
record PortableColumn(String name, Kind kind) {

    /** How a column's values are read, written and carried. */
    enum Kind {
        INTEGER(Types.BIGINT), TEXT(Types.VARCHAR), BYTES(Types.BINARY);

        private final int sqlType;

        Kind(int sqlType) {
            this.sqlType = sqlType;
        }
    }

    static PortableColumn integer(String name) {
        return new PortableColumn(name, Kind.INTEGER);
    }

    static PortableColumn text(String name) {
        return new PortableColumn(name, Kind.TEXT);
    }

    static PortableColumn bytes(String name) {
        return new PortableColumn(name, Kind.BYTES);
    }

    /** The value of this column in the current row, as the export writes it. */
    JsonNode read(ResultSet rs, int index) throws SQLException {
        return switch (kind) {
            case INTEGER -> {
                long value = rs.getLong(index);
                yield rs.wasNull() ? NullNode.instance : LongNode.valueOf(value);
            }
            case TEXT -> {
                String value = rs.getString(index);
                yield value == null ? NullNode.instance : TextNode.valueOf(value);
            }
            case BYTES -> {
                byte[] value = rs.getBytes(index);
                yield value == null ? NullNode.instance : TextNode.valueOf(Base64.getEncoder().encodeToString(value));
            }
        };
    }

    /** Whether {@code value}, read from a file, is null or a value of this column's kind. */
    boolean accepts(JsonNode value) {
        return value.isNull() || switch (kind) {
            case INTEGER -> value.isIntegralNumber() && value.canConvertToLong();
            case TEXT -> value.isTextual();
            case BYTES -> value.isTextual() && isBase64(value.textValue());
        };
    }

    /** Sets parameter {@code index} of an insert to {@code value}, which {@link #accepts} has passed. */
    void bind(PreparedStatement statement, int index, JsonNode value) throws SQLException {
        if (value.isNull()) {
            statement.setNull(index, kind.sqlType);
            return;
        }
        switch (kind) {
            case INTEGER -> statement.setLong(index, value.longValue());
            case TEXT -> statement.setString(index, value.textValue());
            case BYTES -> statement.setBytes(index, Base64.getDecoder().decode(value.textValue()));
        }
    }

    private static boolean isBase64(String text) {
        try {
            Base64.getDecoder().decode(text);
            return true;
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
    }
}

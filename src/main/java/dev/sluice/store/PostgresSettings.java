package dev.sluice.store;

/**
 * Where the shared PostgreSQL store is and who signs in: a JDBC URL ({@code jdbc:postgresql://host:port/db} with any
 * libpq-style TLS parameters such as {@code sslmode}), the user and the password (empty when the server asks none).
 */
public record PostgresSettings(String jdbcUrl, String user, String password) {

    public PostgresSettings {
        if (jdbcUrl == null || !jdbcUrl.startsWith("jdbc:postgresql://")) {
            throw new IllegalArgumentException("not a PostgreSQL JDBC URL: " + jdbcUrl);
        }
        user = user == null ? "" : user;
        password = password == null ? "" : password;
    }

    /** Never a password (the URL's parameters may hold sslpassword): this is what logs and errors show. */
    @Override
    public String toString() {
        return "PostgresSettings[" + PostgresDatabase.where(this) + "]";
    }
}

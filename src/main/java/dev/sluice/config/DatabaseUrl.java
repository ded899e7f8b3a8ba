package dev.sluice.config;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * `storage.database` when it names a PostgreSQL server, as libpq spells it
 * ({@code postgresql://user@host:5432/sluice?sslmode=verify-full}) or as JDBC does ({@code jdbc:postgresql://…}):
 * the JDBC URL to connect with, the user, and the password if the URL carries one.
 */
public record DatabaseUrl(String jdbcUrl, String user, Optional<String> password) {

    /** libpq's TLS parameters, which PostgreSQL's JDBC driver reads under the same names. */
    static final Set<String> TLS_PARAMETERS = Set.of("sslmode", "sslrootcert", "sslcert", "sslkey", "sslpassword");
    static final Set<String> PARAMETERS = Set.of("user", "password", "sslmode", "sslrootcert", "sslcert", "sslkey",
            "sslpassword", "connect_timeout", "application_name");
    private static final Set<String> SSL_MODES = Set.of("disable", "allow", "prefer", "require", "verify-ca", "verify-full");

    // why: one host only; libpq's host lists and unix socket folders are not offered (several nodes reach one server)
    private static final Pattern URL = Pattern.compile(
            "(?:jdbc:postgresql|postgresql|postgres)://(?:([^@/?#]*)@)?(\\[[0-9A-Fa-f:.]+\\]|[A-Za-z0-9.-]+)(?::(\\d{1,5}))?"
                    + "/([^/?#]+)(?:\\?([^#]*))?");
    private static final Pattern DATABASE_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,63}");

    /** Whether the value asks for PostgreSQL at all (then {@link #parse} says what is wrong with it, if anything). */
    public static boolean namesPostgres(String database) {
        return database != null && (database.startsWith("postgresql:") || database.startsWith("postgres:")
                || database.startsWith("jdbc:postgresql:"));
    }

    /** The URL's parts, or the reason it is refused (never repeating a password it may hold). */
    public static Result parse(String database) {
        Matcher m = URL.matcher(database);
        if (!m.matches()) {
            return new Result.Refused("is not a PostgreSQL URL of the form postgresql://host:5432/sluice?user=sluice "
                    + "(one host; user and password may also come before the host as user:password@)");
        }
        int port = m.group(3) == null ? 5432 : Integer.parseInt(m.group(3));
        if (port < 1 || port > 65535) {
            return new Result.Refused("has port " + port + "; a port is 1-65535");
        }
        String name = decode(m.group(4));
        if (name == null || !DATABASE_NAME.matcher(name).matches()) {
            return new Result.Refused("names the database '" + m.group(4)
                    + "'; a database name here is 1-63 letters, digits, '_', '.' or '-'");
        }
        Map<String, String> query = new LinkedHashMap<>();
        if (m.group(5) != null && !m.group(5).isEmpty()) {
            for (String pair : m.group(5).split("&", -1)) {
                int eq = pair.indexOf('=');
                String key = eq < 0 ? pair : pair.substring(0, eq);
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
                if (!PARAMETERS.contains(key)) {
                    return new Result.Refused("has the parameter '" + key + "'; expected one of: "
                            + String.join(", ", new java.util.TreeSet<>(PARAMETERS)));
                }
                if (value == null || query.put(key, value) != null) {
                    return new Result.Refused("gives the parameter '" + key + "' " + (value == null
                            ? "a value that is not valid percent-encoding" : "twice"));
                }
            }
        }
        if (query.containsKey("sslmode") && !SSL_MODES.contains(query.get("sslmode"))) {
            return new Result.Refused("has sslmode '" + query.get("sslmode") + "'; expected one of: "
                    + String.join(", ", new java.util.TreeSet<>(SSL_MODES)));
        }
        if (query.containsKey("connect_timeout") && !query.get("connect_timeout").matches("\\d{1,4}")) {
            return new Result.Refused("has connect_timeout '" + query.get("connect_timeout") + "'; give whole seconds");
        }
        String user = query.remove("user");
        String password = query.remove("password");
        if (m.group(1) != null) {
            String[] userInfo = m.group(1).split(":", 2);
            if (user != null || (userInfo.length == 2 && password != null)) {
                return new Result.Refused("gives the user or password twice (before the host and as a parameter)");
            }
            user = decode(userInfo[0]);
            password = userInfo.length == 2 ? decode(userInfo[1]) : password;
            if (user == null || (userInfo.length == 2 && password == null)) {
                return new Result.Refused("has a user or password that is not valid percent-encoding");
            }
        }
        return new Result.Parsed(new DatabaseUrl(jdbc(m.group(2), port, name, query), user == null ? "" : user,
                Optional.ofNullable(password)));
    }

    private static String jdbc(String host, int port, String name, Map<String, String> query) {
        StringBuilder url = new StringBuilder("jdbc:postgresql://").append(host).append(':').append(port).append('/')
                .append(name);
        String separator = "?";
        for (Map.Entry<String, String> parameter : query.entrySet()) {
            String key = switch (parameter.getKey()) {
                case "connect_timeout" -> "connectTimeout";
                case "application_name" -> "ApplicationName";
                default -> parameter.getKey();
            };
            url.append(separator).append(key).append('=')
                    .append(java.net.URLEncoder.encode(parameter.getValue(), StandardCharsets.UTF_8));
            separator = "&";
        }
        return url.toString();
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notPercentEncoding) {
            return null;
        }
    }

    /** Never a password: without the URL's parameters, as one of them (sslpassword) can be a key's password. */
    @Override
    public String toString() {
        int parameters = jdbcUrl.indexOf('?');
        return "DatabaseUrl[" + (parameters < 0 ? jdbcUrl : jdbcUrl.substring(0, parameters)) + ", user=" + user + "]";
    }

    /** What {@link #parse} made of the text. */
    public sealed interface Result {
        record Parsed(DatabaseUrl url) implements Result {
        }

        record Refused(String reason) implements Result {
        }
    }
}

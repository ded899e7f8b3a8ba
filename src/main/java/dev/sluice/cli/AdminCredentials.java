package dev.sluice.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The admin's credentials for the commands that use admin routes: the user from {@code --user}, the password from
 * $SLUICE_ADMIN_PASSWORD, else typed without echo (or one line of standard input). None at all suits a server
 * without `server.auth.admin`, which answers admin routes on its own machine only.
 */
final class AdminCredentials {

    @Option(names = {"-u", "--user"}, paramLabel = "NAME",
            description = "the admin's user name, when the server has server.auth.admin (password: $SLUICE_ADMIN_PASSWORD, else asked)")
    String user;

    /** The Authorization header to send, if any credentials were given. */
    Optional<String> header() throws IOException {
        String fromEnvironment = System.getenv("SLUICE_ADMIN_PASSWORD");
        if (user == null && fromEnvironment == null) {
            return Optional.empty();
        }
        String name = user == null ? "admin" : user;
        char[] typed = fromEnvironment != null ? fromEnvironment.toCharArray() : PasswordInput.read("admin password: ");
        String pair = name + ":" + (typed == null ? "" : new String(typed));
        return Optional.of("Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
    }
}

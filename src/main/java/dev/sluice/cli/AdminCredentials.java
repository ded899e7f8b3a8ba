package dev.sluice.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
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
        String password = fromEnvironment != null ? fromEnvironment : read();
        String pair = name + ":" + (password == null ? "" : password);
        return Optional.of("Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
    }

    // why: a password given as an argument would be visible to every user in the process list
    private static String read() throws IOException {
        Console console = System.console();
        if (console != null) {
            char[] typed = console.readPassword("admin password: ");
            return typed == null ? null : new String(typed);
        }
        return new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
    }
}

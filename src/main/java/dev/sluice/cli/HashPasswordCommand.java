package dev.sluice.cli;

import dev.sluice.config.PasswordHash;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** `sluice hash-password`: turns the admin's password into the hash that `server.auth.admin.password-hash` takes. */
@Command(name = "hash-password", mixinStandardHelpOptions = true,
        description = {"Read a password (typed without echo, or one line from standard input) and print its hash",
                "for server.auth.admin.password-hash. The password itself never goes into the config."})
final class HashPasswordCommand implements Callable<Integer> {

    private static final int SHORTEST = 8;

    @Override
    public Integer call() throws IOException {
        char[] password = read();
        if (password == null || password.length < SHORTEST) {
            System.err.println("sluice: a password of at least " + SHORTEST + " characters is needed");
            return 1;
        }
        System.out.println(PasswordHash.of(password));
        java.util.Arrays.fill(password, '\0');
        return 0;
    }

    // why: a password given as an argument would be visible to every user in the process list
    private static char[] read() throws IOException {
        Console console = System.console();
        if (console != null) {
            return console.readPassword("password: ");
        }
        String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        return line == null ? null : line.toCharArray();
    }
}

package dev.sluice.cli;

import dev.sluice.config.PasswordHash;
import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** `sluice hash-password`: turns the admin's password into the hash that `server.auth.admin.password-hash` takes. */
@Command(name = "hash-password", mixinStandardHelpOptions = true,
        header = "Read a password and print its hash for server.auth.admin.password-hash.",
        description = {"Read a password (typed without echo, or one line from standard input) and print its hash",
                "for server.auth.admin.password-hash. The password itself never goes into the config."})
final class HashPasswordCommand implements Callable<Integer> {

    private static final int SHORTEST = 8;

    @Override
    public Integer call() throws IOException {
        char[] password = PasswordInput.read("password: ");
        if (password == null || password.length < SHORTEST) {
            System.err.println("sluice: a password of at least " + SHORTEST + " characters is needed");
            return 1;
        }
        System.out.println(PasswordHash.of(password));
        java.util.Arrays.fill(password, '\0');
        return 0;
    }
}

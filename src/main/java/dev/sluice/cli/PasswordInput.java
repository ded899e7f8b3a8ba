package dev.sluice.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/** A password typed without echo at a terminal, or one line of standard input when there is none (a pipe, a script). */
final class PasswordInput {

    private PasswordInput() {
    }

    // why: a password given as an argument would be visible to every user in the process list
    static char[] read(String prompt) throws IOException {
        Console console = System.console();
        if (console != null) {
            return console.readPassword(prompt);
        }
        String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        return line == null ? null : line.toCharArray();
    }
}

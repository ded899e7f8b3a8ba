package dev.sluice.config;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The `pattern` of string inputs, matched by RE2/J: an automaton that takes time linear in the value whatever the
 * pattern, where a backtracking engine could spend minutes or overflow its stack on `(a+)+b`. The price is RE2's
 * syntax: no backreferences and no lookaround, which the config check refuses with the pattern's line.
 */
public final class InputPatterns {

    // why: patterns come only from the config, so this holds a handful; compiled once, not per submission
    private static final Map<String, Pattern> COMPILED = new ConcurrentHashMap<>();

    private InputPatterns() {
    }

    /** Whether the whole of {@code text} matches; the pattern must have passed {@link #problemWith}. */
    public static boolean matches(String pattern, String text) {
        return COMPILED.computeIfAbsent(pattern, Pattern::compile).matches(text);
    }

    /** What is wrong with a pattern, for the config check; empty when RE2 can match it. */
    public static Optional<String> problemWith(String pattern) {
        try {
            Pattern.compile(pattern);
            return Optional.empty();
        } catch (PatternSyntaxException bad) {
            return Optional.of("not a regular expression this server can match in linear time (RE2 syntax: no "
                    + "backreferences, lookahead or lookbehind): " + bad.getDescription());
        }
    }
}

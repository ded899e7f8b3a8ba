package dev.sluice.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Checks that an input declaration is coherent: its checks fit its type and its default passes them. */
final class InputSpecChecks {

    private InputSpecChecks() {
    }

    static void check(String at, String name, InputSpec spec, BiConsumer<String, String> problem) {
        if (!ConfigValidator.NAME.matcher(name).matches()) {
            problem.accept(at, "input names use a-z, 0-9, '-' and '_'");
        }
        boolean numeric = spec.type() == InputType.NUMBER || spec.type() == InputType.INTEGER;
        boolean text = spec.type() == InputType.STRING;
        if (!numeric && (spec.min() != null || spec.max() != null || spec.step() != null)) {
            problem.accept(at, "min, max and step apply to number and integer inputs only");
        }
        if (!text && (spec.maxLength() != null || spec.pattern() != null || !spec.allowed().isEmpty())) {
            problem.accept(at, "max-length, pattern and enum apply to string inputs only");
        }
        if (spec.type() != InputType.FILE && spec.maxSize() != null) {
            problem.accept(at + "/max-size", "applies to file inputs only");
        }
        checkAccept(at + "/accept", spec, problem);
        if (spec.type() == InputType.FILE && spec.defaultValue() != null) {
            problem.accept(at + "/default", "a file input cannot have a default");
        }
        if (spec.step() != null) {
            checkStep(at + "/step", spec, problem);
        }
        if (spec.min() != null && spec.max() != null && spec.min().compareTo(spec.max()) > 0) {
            problem.accept(at + "/min", "min " + spec.min() + " is more than max " + spec.max());
        }
        if (spec.maxLength() != null && spec.maxLength() < 1) {
            problem.accept(at + "/max-length", "must be at least 1");
        }
        if (spec.maxSize() != null && spec.maxSize().bytes() < 1) {
            problem.accept(at + "/max-size", "must be more than 0");
        }
        if (spec.pattern() != null) {
            try {
                Pattern.compile(spec.pattern());
            } catch (PatternSyntaxException bad) {
                problem.accept(at + "/pattern", "not a valid regular expression: " + bad.getDescription());
            }
        }
        JsonNode defaultValue = spec.defaultValue();
        if (defaultValue != null && spec.type() != InputType.FILE) {
            try {
                InputRules.canonical(name, spec, defaultValue);
            } catch (InputRules.InvalidValue invalid) {
                problem.accept(at + "/default", "the default does not pass the input's own checks: " + invalid.getMessage());
            } catch (PatternSyntaxException | ArithmeticException reportedAbove) {
                // the pattern or the step of 0 is already reported
            }
        }
    }

    private static void checkStep(String at, InputSpec spec, BiConsumer<String, String> problem) {
        if (spec.step().signum() <= 0) {
            problem.accept(at, "must be more than 0");
        } else if (spec.type() == InputType.INTEGER && spec.step().stripTrailingZeros().scale() > 0) {
            problem.accept(at, "must be a whole number for an integer input");
        }
    }

    private static void checkAccept(String at, InputSpec spec, BiConsumer<String, String> problem) {
        if (spec.accept().isEmpty()) {
            return;
        }
        if (spec.type() != InputType.FILE) {
            problem.accept(at, "applies to file inputs only");
            return;
        }
        for (int i = 0; i < spec.accept().size(); i++) {
            String name = spec.accept().get(i);
            if (MediaType.named(name).isEmpty()) {
                problem.accept(at + "/" + i, "'" + name + "' is not a media type this server recognises by content; known: "
                        + MediaType.knownNames());
            }
        }
    }
}

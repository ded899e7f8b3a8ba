package dev.sluice.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.function.BiConsumer;

/** Checks that an input declaration is coherent: its checks fit its type and its default passes them. */
final class InputSpecChecks {

    private InputSpecChecks() {
    }

    static void check(String at, String name, InputSpec spec, BiConsumer<String, String> problem) {
        if (!ConfigValidator.NAME.matcher(name).matches()) {
            problem.accept(at, "input names use a-z, 0-9, '-' and '_'");
        }
        InputType type = spec.type();
        if (!type.isNumeric() && (spec.min() != null || spec.max() != null || spec.step() != null)) {
            problem.accept(at, "min, max and step apply to number and integer inputs only");
        }
        if (type != InputType.STRING && (spec.maxLength() != null || spec.pattern() != null || !spec.allowed().isEmpty())) {
            problem.accept(at, "max-length, pattern and enum apply to string inputs only");
        }
        if (!type.isUpload() && spec.maxSize() != null) {
            problem.accept(at + "/max-size", "applies to file and image inputs only");
        }
        if (type != InputType.IMAGE && (spec.maxDimension() != null || spec.maxPixels() != null)) {
            problem.accept(at, "max-dimension and max-pixels apply to image inputs only");
        }
        if (type.isUpload() && spec.defaultValue() != null) {
            problem.accept(at + "/default", (type == InputType.IMAGE ? "an image" : "a file") + " input cannot have a default");
        }
        checkAccept(at + "/accept", spec, problem);
        checkImage(at, spec, problem);
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
            InputPatterns.problemWith(spec.pattern()).ifPresent(why -> problem.accept(at + "/pattern", why));
        }
        checkDefault(at + "/default", name, spec, problem);
    }

    private static void checkDefault(String at, String name, InputSpec spec, BiConsumer<String, String> problem) {
        JsonNode defaultValue = spec.defaultValue();
        if (defaultValue == null || spec.type().isUpload()) {
            return;
        }
        try {
            InputRules.canonical(name, spec, defaultValue);
        } catch (InputRules.InvalidValue invalid) {
            problem.accept(at, "the default does not pass the input's own checks: " + invalid.getMessage());
        } catch (com.google.re2j.PatternSyntaxException | ArithmeticException reportedAbove) {
            // the pattern or the step of 0 is already reported
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
        if (!spec.type().isUpload()) {
            problem.accept(at, "applies to file and image inputs only");
            return;
        }
        for (int i = 0; i < spec.accept().size(); i++) {
            String name = spec.accept().get(i);
            var type = MediaType.named(name);
            if (type.isEmpty()) {
                problem.accept(at + "/" + i, "'" + name + "' is not a media type this server recognises by content; known: "
                        + MediaType.knownNames());
            } else if (spec.type() == InputType.IMAGE && !MediaType.decodableImages().contains(type.get())) {
                problem.accept(at + "/" + i, "'" + name + "' is not an image format this server decodes; image inputs accept "
                        + String.join(", ", MediaType.decodableImages().stream().map(MediaType::mediaTypeName).toList()));
            }
        }
    }

    private static void checkImage(String at, InputSpec spec, BiConsumer<String, String> problem) {
        if (spec.maxDimension() != null && spec.maxDimension() < 1) {
            problem.accept(at + "/max-dimension", "must be at least 1 (pixels on the longest side)");
        }
        if (spec.maxPixels() != null && spec.maxPixels() < 1) {
            problem.accept(at + "/max-pixels", "must be at least 1");
        }
    }
}

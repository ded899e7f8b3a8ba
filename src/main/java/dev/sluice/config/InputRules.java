package dev.sluice.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;

/**
 * The one definition of what a value of each input type must look like. The server's checks and the
 * config's check of defaults both use it, so they cannot drift apart. Uploads (file and image inputs) are
 * checked by their content in the HTTP layer, from the same {@link InputSpec}.
 */
public final class InputRules {

    private static final int LONGEST_NUMBER_TEXT = 400;

    /** A submitted value breaks one of its input's rules; the message says which, for a person. */
    public static final class InvalidValue extends Exception {
        public InvalidValue(String message) {
            super(message);
        }
    }

    private InputRules() {
    }

    /** Checks one value and returns it as the text that goes into the command's argument vector. */
    public static String canonical(String name, InputSpec spec, JsonNode value) throws InvalidValue {
        if (value == null || value.isNull()) {
            throw new InvalidValue("a value is required");
        }
        return switch (spec.type()) {
            case STRING -> string(spec, value);
            case NUMBER -> number(spec, value).stripTrailingZeros().toPlainString();
            case INTEGER -> integer(spec, value);
            case BOOLEAN -> bool(value);
            case FILE, IMAGE -> throw new InvalidValue("must be uploaded as a file in a multipart/form-data request");
        };
    }

    private static String string(InputSpec spec, JsonNode value) throws InvalidValue {
        if (!value.isTextual()) {
            throw new InvalidValue("must be a string, not " + kind(value));
        }
        String text = value.textValue();
        if (text.indexOf('\0') >= 0) {
            throw new InvalidValue("must not contain NUL characters");
        }
        int length = text.codePointCount(0, text.length());
        if (length > spec.maxLengthOrDefault()) {
            throw new InvalidValue("is " + length + " characters long; at most " + spec.maxLengthOrDefault() + " are allowed"
                    + (spec.maxLength() == null ? " (the default; the input's max-length can raise it)"
                    : " (the input's max-length in the task's config)"));
        }
        if (!spec.allowed().isEmpty() && !spec.allowed().contains(text)) {
            throw new InvalidValue("must be one of: " + String.join(", ", spec.allowed()));
        }
        if (spec.pattern() != null && !InputPatterns.matches(spec.pattern(), text)) {
            throw new InvalidValue("does not match the pattern " + spec.pattern());
        }
        return text;
    }

    private static BigDecimal number(InputSpec spec, JsonNode value) throws InvalidValue {
        String text;
        if (value.isNumber()) {
            text = value.asText();
        } else if (value.isTextual()) {
            // why: strip, not trim: trim would also drop NUL and other control characters and accept "1\0"
            text = value.textValue().strip();
        } else {
            throw new InvalidValue("must be a number, not " + kind(value));
        }
        if (text.length() > LONGEST_NUMBER_TEXT) {
            throw new InvalidValue("is too long to be a sensible number");
        }
        BigDecimal number;
        try {
            number = new BigDecimal(text);
        } catch (NumberFormatException notANumber) {
            throw new InvalidValue("'" + abbreviate(text) + "' is not a number");
        }
        if (number.precision() - number.scale() > 308 || number.scale() > 340) {
            throw new InvalidValue("is outside the range of numbers this server accepts");
        }
        if (spec.min() != null && number.compareTo(spec.min()) < 0) {
            throw new InvalidValue("must be at least " + spec.min().toPlainString());
        }
        if (spec.max() != null && number.compareTo(spec.max()) > 0) {
            throw new InvalidValue("must be at most " + spec.max().toPlainString());
        }
        if (spec.step() != null) {
            onStep(spec, number);
        }
        return number;
    }

    // why: exact decimal arithmetic, so 0.3 is a multiple of 0.1 as a person expects, which binary floating point denies
    private static void onStep(InputSpec spec, BigDecimal number) throws InvalidValue {
        BigDecimal base = spec.stepBase();
        BigDecimal steps = number.subtract(base).divideToIntegralValue(spec.step());
        BigDecimal below = base.add(steps.multiply(spec.step()));
        if (below.compareTo(number) == 0) {
            return;
        }
        if (below.compareTo(number) > 0) {
            below = below.subtract(spec.step());
        }
        BigDecimal above = below.add(spec.step());
        String from = spec.min() == null ? "a multiple of " + plain(spec.step())
                : plain(base) + " plus a multiple of " + plain(spec.step());
        String nearest = spec.max() != null && above.compareTo(spec.max()) > 0
                ? "the nearest allowed value is " + plain(below)
                : "the nearest allowed values are " + plain(below) + " and " + plain(above);
        throw new InvalidValue("must be " + from + "; " + nearest);
    }

    private static String plain(BigDecimal number) {
        return number.stripTrailingZeros().toPlainString();
    }

    private static String integer(InputSpec spec, JsonNode value) throws InvalidValue {
        BigDecimal number = number(spec, value);
        try {
            return String.valueOf(number.longValueExact());
        } catch (ArithmeticException notWhole) {
            throw new InvalidValue(number.stripTrailingZeros().scale() > 0
                    ? "must be a whole number" : "is too large for an integer");
        }
    }

    private static String bool(JsonNode value) throws InvalidValue {
        if (value.isBoolean()) {
            return String.valueOf(value.booleanValue());
        }
        if (value.isTextual() && (value.textValue().equals("true") || value.textValue().equals("false"))) {
            return value.textValue();
        }
        throw new InvalidValue("must be true or false");
    }

    private static String kind(JsonNode value) {
        return switch (value.getNodeType()) {
            case ARRAY -> "a list";
            case OBJECT, POJO -> "an object";
            case BOOLEAN -> "a boolean";
            case NUMBER -> "a number";
            default -> "a " + value.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }
}

package dev.sluice.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Turns a YAML syntax error into `file:line:column: not valid YAML: likely cause; what to change`, pointing at the
 * line that holds the mistake (an unclosed quote is found at the end of the file, but is wrong where it opens).
 */
final class YamlSyntax {

    private static final Pattern DUPLICATE = Pattern.compile("Duplicate field '([^']*)'");
    private static final Pattern CANNOT_START = Pattern.compile("found character '(.)' that cannot start any token");

    private final String source;
    private final List<String> lines;

    private YamlSyntax(String source, String text) {
        this.source = source;
        this.lines = text.lines().toList();
    }

    static String describe(String source, String text, JsonProcessingException error) {
        return new YamlSyntax(source, text).describe(error);
    }

    private String describe(JsonProcessingException error) {
        if (error.getCause() instanceof MarkedYAMLException marked && marked.getProblemMark() != null) {
            return explain(marked);
        }
        String message = firstLine(error.getOriginalMessage());
        JsonLocation at = error.getLocation();
        int line = at == null ? 0 : at.getLineNr();
        int column = at == null ? 0 : at.getColumnNr();
        Matcher duplicate = DUPLICATE.matcher(message);
        if (duplicate.find()) {
            return at(line, keyColumn(line, duplicate.group(1)).orElse(column), "the key '" + duplicate.group(1)
                    + "' is written twice in the same mapping; keep one of them (the second would silently win)");
        }
        if (message.startsWith("Expected a field name")) {
            return at(line, column, "a key here is a list, a mapping or an *alias; keys are plain names: write name: value,"
                    + " or quote a key that starts with [, { or *");
        }
        if (message.startsWith("Trailing token")) {
            return at(line, column, "the file holds more than one document (a second '---' or a value after the"
                    + " top-level mapping); keep one mapping of keys");
        }
        return at(line, column, "the YAML parser stopped here; check the quotes, brackets and indentation on this line"
                + " and the one before");
    }

    private String explain(MarkedYAMLException marked) {
        Mark problem = marked.getProblemMark();
        Mark context = marked.getContextMark();
        String what = String.valueOf(marked.getProblem());
        String during = String.valueOf(marked.getContext());
        int line = problem.getLine() + 1;
        int column = problem.getColumn() + 1;
        if (what.contains("(TAB)")) {
            boolean indenting = text(line).substring(0, Math.min(problem.getColumn(), text(line).length())).isBlank();
            return at(line, column, indenting ? "a tab is used for indentation; YAML indents with spaces only: replace the tab"
                    + " with spaces, lined up with the keys around it" : "a tab here is not allowed by YAML; replace it with a space");
        }
        if (context != null && during.contains("quoted scalar")) {
            char quote = charAt(context);
            return at(context.getLine() + 1, context.getColumn() + 1, "the quote " + quote + " opened here is never closed;"
                    + " end the value with " + quote + " on this line (a quote inside it is written "
                    + (quote == '\'' ? "''" : "\\\"") + ")");
        }
        if (context != null && (during.contains("flow sequence") || during.contains("flow mapping"))) {
            char open = charAt(context);
            char close = open == '[' ? ']' : '}';
            if (context.getLine() == problem.getLine()) {
                return at(line, column, "in the " + open + "…" + close + " opened at column " + (context.getColumn() + 1)
                        + ", items must be separated by ', ' and the list closed with " + close
                        + "; a value holding ': ', ',' or a bracket needs quotes");
            }
            return at(context.getLine() + 1, context.getColumn() + 1, "the " + open + " opened here is not closed; add " + close
                    + " at the end of this line (or end each line but the last of a list spread over lines with ',')");
        }
        if (what.contains("expected <block end>") || during.contains("block mapping") || during.contains("block collection")) {
            return at(line, column, indentation(line));
        }
        if (context != null && during.contains("simple key")) {
            int faulty = context.getLine() + 1;
            return at(faulty, context.getColumn() + 1, "this line is not 'key: value' nor a '- item': add the missing ':'"
                    + " after the key, or quote a value that goes on over several lines");
        }
        if (what.contains("mapping values are not allowed")) {
            return at(line, column, "a ': ' inside a value that is not quoted; put the whole value in quotes,"
                    + " e.g. title: \"Echo: the sequel\"");
        }
        Matcher cannotStart = CANNOT_START.matcher(what);
        if (cannotStart.find()) {
            return at(line, column, "a value cannot start with " + cannotStart.group(1) + "; put the value in quotes");
        }
        if (what.contains("sequence entries are not allowed")) {
            return at(line, column, "a '- item' where a 'key: value' belongs; put the list under a key of its own"
                    + " (key:, then its items indented below it), or write key: value");
        }
        if (what.contains("expected the node content")) {
            return at(line, column, "a value cannot start with " + charAt(problem) + " here; put the value in quotes, or remove"
                    + " the stray character");
        }
        if (what.contains("undefined alias")) {
            return at(line, column, "*name refers to no &name anchor above it; define the anchor first, or quote a value that"
                    + " starts with *");
        }
        return at(line, column, firstLine(what) + (marked.getContext() == null ? "" : " (" + during + ")"));
    }

    private String indentation(int line) {
        int own = indent(text(line));
        for (int before = line - 1; before >= 1; before--) {
            String previous = text(before);
            if (!previous.isBlank() && !previous.strip().startsWith("#")) {
                int theirs = indent(previous);
                if (theirs == own) {
                    break;
                }
                return "this line is indented " + spaces(own) + " but the line before by " + spaces(theirs)
                        + ": the keys of one mapping start in the same column; indent it by " + spaces(theirs)
                        + (own > theirs ? " (a key with a value on its own line cannot also hold keys below it)" : "")
                        + ", or by fewer to end the mapping above";
            }
        }
        return "the indentation of this line does not line up with the lines before it: the keys of one mapping start in the"
                + " same column, and a nested mapping is indented further than its key";
    }

    private String at(int line, int column, String message) {
        return source + ":" + Math.max(line, 1) + (column > 0 ? ":" + column : "") + ": not valid YAML: " + message;
    }

    private Optional<Integer> keyColumn(int line, String key) {
        int found = text(line).indexOf(key);
        return found < 0 ? Optional.empty() : Optional.of(found + 1);
    }

    private String text(int line) {
        return line >= 1 && line <= lines.size() ? lines.get(line - 1) : "";
    }

    private char charAt(Mark mark) {
        String text = text(mark.getLine() + 1);
        return mark.getColumn() < text.length() ? text.charAt(mark.getColumn()) : '?';
    }

    private static int indent(String line) {
        int n = 0;
        while (n < line.length() && line.charAt(n) == ' ') {
            n++;
        }
        return n;
    }

    private static String spaces(int n) {
        return n == 1 ? "1 space" : n + " spaces";
    }

    private static String firstLine(String message) {
        String text = String.valueOf(message);
        int end = text.indexOf('\n');
        return (end < 0 ? text : text.substring(0, end)).strip();
    }
}

package dev.sluice;

import java.util.Map;

/**
 * A problem the user caused (a bad input, an unknown job, a full queue). It carries what the HTTP layer needs
 * for a problem document: the status, a short machine-readable type, a title and a sentence for a person.
 */
public class SluiceException extends RuntimeException {

    private final int status;
    private final String type;
    private final String title;
    private final Map<String, Object> extensions;

    public SluiceException(int status, String type, String title, String detail) {
        this(status, type, title, detail, Map.of());
    }

    public SluiceException(int status, String type, String title, String detail, Map<String, Object> extensions) {
        super(detail);
        this.status = status;
        this.type = type;
        this.title = title;
        this.extensions = Map.copyOf(extensions);
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return getMessage();
    }

    /** Extra members of the problem document, such as the name of the input at fault. */
    public Map<String, Object> extensions() {
        return extensions;
    }
}

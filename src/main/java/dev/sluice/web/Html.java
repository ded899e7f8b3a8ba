package dev.sluice.web;

/**
 * Escapes text for HTML element content and quoted attribute values: the one place where anything a user or
 * a task author typed becomes part of a page.
 */
public final class Html {

    private Html() {
    }

    public static String escape(Object value) {
        String text = String.valueOf(value);
        StringBuilder out = new StringBuilder(text.length() + 16);
        text.codePoints().forEach(cp -> {
            switch (cp) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> {
                    // why: control characters (a job's terminal escapes) are not allowed in HTML text
                    if (Character.isISOControl(cp) && cp != '\t' && cp != '\n') {
                        out.append('\uFFFD');
                    } else {
                        out.appendCodePoint(cp);
                    }
                }
            }
        });
        return out.toString();
    }
}

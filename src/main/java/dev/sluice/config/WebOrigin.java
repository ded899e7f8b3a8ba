package dev.sluice.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/** A web origin (`scheme://host[:port]`) in the form browsers send it in the `Origin` header. */
public final class WebOrigin {

    private WebOrigin() {
    }

    /** The origin as a browser serialises it (lower case, no default port), or empty if the text is not one. */
    public static Optional<String> normalize(String text) {
        return problemWith(text).isPresent() ? Optional.empty() : Optional.of(serialize(URI.create(text.trim())));
    }

    /** Why the text is not an origin, if it is not. */
    static Optional<String> problemWith(String text) {
        if (text == null || text.isBlank()) {
            return Optional.of("is empty; write an origin such as https://app.example");
        }
        URI uri;
        try {
            uri = new URI(text.trim());
        } catch (URISyntaxException unreadable) {
            return Optional.of("'" + text + "' is not an origin such as https://app.example:8443");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return Optional.of("'" + text + "' is not an origin: it must start with https:// or http://");
        }
        if (uri.getHost() == null || uri.getRawUserInfo() != null) {
            return Optional.of("'" + text + "' is not an origin: write scheme://host[:port] such as https://app.example");
        }
        if (!uri.getRawPath().isEmpty() || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            return Optional.of("'" + text + "' has a path, query or fragment; an origin is only scheme://host[:port]"
                    + " (no trailing /)");
        }
        return Optional.empty();
    }

    private static String serialize(URI uri) {
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        int port = uri.getPort();
        boolean defaultPort = port == -1 || (scheme.equals("https") && port == 443) || (scheme.equals("http") && port == 80);
        return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
    }
}

package dev.sluice.tls;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/** The ACME HTTP-01 challenges open right now: token to key authorization, as the plain listener answers them. */
public final class ChallengeTokens {

    /** A token is base64url text (RFC 8555 section 8.3); anything else is never looked up. */
    public static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{1,256}");

    private final ConcurrentHashMap<String, String> open = new ConcurrentHashMap<>();

    public void add(String token, String keyAuthorization) {
        open.put(token, keyAuthorization);
    }

    public void remove(String token) {
        open.remove(token);
    }

    public Optional<String> answer(String token) {
        return TOKEN.matcher(token).matches() ? Optional.ofNullable(open.get(token)) : Optional.empty();
    }
}

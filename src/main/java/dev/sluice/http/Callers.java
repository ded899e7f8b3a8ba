package dev.sluice.http;

import dev.sluice.SluiceException;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Tells who a request comes from: a submitter token as `Authorization: Bearer` (API clients) or a cookie
 * (browsers), and the admin by HTTP Basic. Issues a new token to a submitter that has none; accepts only tokens
 * it issued.
 */
final class Callers {

    static final String COOKIE = "sluice_token";
    // why: a `__Host-` cookie can be set only by this origin over TLS, never by a plain-HTTP page of the same host
    static final String SECURE_COOKIE = "__Host-sluice_token";
    static final String TOKEN_HEADER = "Sluice-Token";

    private final SubmitterTokens tokens;
    private final AdminLogins adminLogins;

    Callers(SubmitterTokens tokens, AdminLogins adminLogins) {
        this.tokens = tokens;
        this.adminLogins = adminLogins;
    }

    /** The caller of a job route: Basic credentials count only when they already passed an admin route's check. */
    Caller of(Context ctx) {
        Optional<String> basic = basic(ctx);
        if (basic.isPresent()) {
            return new Caller(cookieKey(ctx), adminLogins.known(basic.get()));
        }
        String authorization = ctx.header("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String token = authorization.substring(7).trim();
            if (!tokens.issued(token)) {
                throw new SluiceException(401, "unknown-token", "Unknown token",
                        "the bearer token was not issued by this server; send none to be given a new one");
            }
            return new Caller(Optional.of(keyOf(token)), false);
        }
        return new Caller(cookieKey(ctx), false);
    }

    /** Whether the request carries the admin's credentials, checked now (admin routes only). */
    boolean isAdmin(Context ctx) {
        return basic(ctx).map(b -> adminLogins.check(b, ClientAddress.of(ctx).address())).orElse(false);
    }

    /**
     * The key a new job of this caller is owned by. A caller without a token gets one: as a cookie for a
     * browser and in the `Sluice-Token` header for an API client, to send back as a bearer token.
     */
    String ownerKeyFor(Context ctx, Caller caller) {
        if (caller.key().isPresent()) {
            return caller.key().get();
        }
        String token = tokens.issue();
        ctx.header(TOKEN_HEADER, token);
        String cookie = secure(ctx)
                ? SECURE_COOKIE + "=" + token + "; Path=/; Max-Age=31536000; HttpOnly; Secure; SameSite=Lax"
                : COOKIE + "=" + token + "; Path=/; Max-Age=31536000; HttpOnly; SameSite=Lax";
        ctx.header("Set-Cookie", cookie);
        return keyOf(token);
    }

    // why: a cookie this server did not issue (planted by another page of the same host) is as good as none, so the
    // next submission replaces it rather than filing the job under a token someone else knows
    private Optional<String> cookieKey(Context ctx) {
        String token = ctx.cookie(secure(ctx) ? SECURE_COOKIE : COOKIE);
        return token == null || !tokens.issued(token) ? Optional.empty() : Optional.of(keyOf(token));
    }

    private static boolean secure(Context ctx) {
        return "https".equals(ClientAddress.of(ctx).scheme());
    }

    private static Optional<String> basic(Context ctx) {
        String authorization = ctx.header("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.of(authorization.substring(6).trim());
        }
        return Optional.empty();
    }

    /** The key a token is known by in the store: its SHA-256, so the database never holds a usable token. */
    static String keyOf(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}

package dev.sluice.http;

import dev.sluice.config.AuthConfig;
import dev.sluice.config.PasswordHash;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tells who a request comes from: a submitter token as `Authorization: Bearer` (API clients) or the
 * `sluice_token` cookie (browsers), and the admin by HTTP Basic. Issues a new token to a submitter that has none.
 */
final class Callers {

    static final String COOKIE = "sluice_token";
    static final String TOKEN_HEADER = "Sluice-Token";
    private static final int TOKEN_BYTES = 24;
    private static final int REMEMBERED_ADMIN_LOGINS = 64;

    private final Optional<AuthConfig.AdminCredentials> admin;
    private final Optional<PasswordHash> adminPassword;
    private final SecureRandom random = new SecureRandom();
    // why: a password hash takes a deliberate tenth of a second to check; a checked header is remembered by its digest
    private final Map<String, Boolean> checkedAdminHeaders = new ConcurrentHashMap<>();

    Callers(AuthConfig auth) {
        this.admin = auth.adminIfAny();
        this.adminPassword = admin.flatMap(a -> PasswordHash.parse(a.passwordHash()));
    }

    Caller of(Context ctx) {
        String authorization = ctx.header("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return new Caller(cookieKey(ctx), isAdmin(authorization.substring(6).trim()));
        }
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String token = authorization.substring(7).trim();
            return new Caller(token.isEmpty() ? Optional.empty() : Optional.of(keyOf(token)), false);
        }
        return new Caller(cookieKey(ctx), false);
    }

    /**
     * The key a new job of this caller is owned by. A caller without a token gets one: as a cookie for a
     * browser and in the `Sluice-Token` header for an API client, to send back as a bearer token.
     */
    String ownerKeyFor(Context ctx, Caller caller) {
        if (caller.key().isPresent()) {
            return caller.key().get();
        }
        byte[] bytes = new byte[TOKEN_BYTES];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        ctx.header(TOKEN_HEADER, token);
        ctx.header("Set-Cookie", COOKIE + "=" + token + "; Path=/; Max-Age=31536000; HttpOnly; SameSite=Lax");
        return keyOf(token);
    }

    private Optional<String> cookieKey(Context ctx) {
        String token = ctx.cookie(COOKIE);
        return token == null || token.isBlank() ? Optional.empty() : Optional.of(keyOf(token));
    }

    private boolean isAdmin(String basic) {
        if (admin.isEmpty() || adminPassword.isEmpty()) {
            return false;
        }
        String digest = keyOf(basic);
        Boolean known = checkedAdminHeaders.get(digest);
        if (known != null) {
            return known;
        }
        boolean ok = checkBasic(basic);
        if (checkedAdminHeaders.size() < REMEMBERED_ADMIN_LOGINS) {
            checkedAdminHeaders.put(digest, ok);
        }
        return ok;
    }

    private boolean checkBasic(String basic) {
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(basic), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
        int colon = decoded.indexOf(':');
        return colon > 0 && decoded.substring(0, colon).equals(admin.get().user())
                && adminPassword.get().matches(decoded.substring(colon + 1).toCharArray());
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

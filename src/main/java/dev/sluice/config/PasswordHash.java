package dev.sluice.config;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * A password stored as `pbkdf2-sha256$ITERATIONS$SALT$HASH` (salt and hash in base64): PBKDF2 with HMAC-SHA256
 * from the JDK, so checking the admin's password needs no extra library.
 */
public record PasswordHash(int iterations, byte[] salt, byte[] hash) {

    private static final String SCHEME = "pbkdf2-sha256";
    private static final int DEFAULT_ITERATIONS = 210_000;
    private static final int SALT_BYTES = 16;
    private static final int HASH_BITS = 256;

    /** The hash of {@code password} with a fresh random salt. */
    public static PasswordHash of(char[] password) {
        byte[] salt = new byte[SALT_BYTES];
        new SecureRandom().nextBytes(salt);
        return new PasswordHash(DEFAULT_ITERATIONS, salt, derive(password, salt, DEFAULT_ITERATIONS));
    }

    /** Reads the text form; empty when it is not one. */
    public static Optional<PasswordHash> parse(String text) {
        String[] parts = text == null ? new String[0] : text.split("\\$");
        if (parts.length != 4 || !parts[0].equals(SCHEME)) {
            return Optional.empty();
        }
        try {
            int iterations = Integer.parseInt(parts[1]);
            byte[] salt = Base64.getDecoder().decode(parts[2]);
            byte[] hash = Base64.getDecoder().decode(parts[3]);
            return iterations >= 1000 && salt.length >= 8 && hash.length == HASH_BITS / 8
                    ? Optional.of(new PasswordHash(iterations, salt, hash)) : Optional.empty();
        } catch (IllegalArgumentException malformed) {
            return Optional.empty();
        }
    }

    public boolean matches(char[] password) {
        return MessageDigest.isEqual(hash, derive(password, salt, iterations));
    }

    @Override
    public String toString() {
        return SCHEME + "$" + iterations + "$" + Base64.getEncoder().encodeToString(salt) + "$"
                + Base64.getEncoder().encodeToString(hash);
    }

    /** The format, for messages. */
    public static String format() {
        return SCHEME + "$ITERATIONS$SALT$HASH";
    }

    private static byte[] derive(char[] password, byte[] salt, int iterations) {
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                    .generateSecret(new PBEKeySpec(password, salt, iterations, HASH_BITS)).getEncoded();
        } catch (GeneralSecurityException missing) {
            throw new IllegalStateException("this JDK lacks PBKDF2WithHmacSHA256", missing);
        }
    }
}

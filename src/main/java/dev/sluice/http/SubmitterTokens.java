package dev.sluice.http;

import dev.sluice.store.JobStore;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Makes and recognises submitter tokens: random bytes and an HMAC of them under a key kept in the store, so the
 * server accepts only tokens it issued and a string a client (or a page planting a cookie) invents owns nothing.
 */
final class SubmitterTokens {

    private static final String KEY_NAME = "submitter-tokens";
    private static final int RANDOM_BYTES = 24;
    private static final int KEY_BYTES = 32;
    private static final int SIGNATURE_BYTES = 16;
    private static final int LONGEST_TOKEN = 128;

    private final SecureRandom random = new SecureRandom();
    private final SecretKeySpec key;

    SubmitterTokens(JobStore store) {
        byte[] created = new byte[KEY_BYTES];
        random.nextBytes(created);
        this.key = new SecretKeySpec(store.serverKey(KEY_NAME, created), "HmacSHA256");
    }

    String issue() {
        byte[] bytes = new byte[RANDOM_BYTES];
        random.nextBytes(bytes);
        String body = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        return body + "." + signature(body);
    }

    boolean issued(String token) {
        int dot = token.indexOf('.');
        if (token.length() > LONGEST_TOKEN || dot <= 0) {
            return false;
        }
        String body = token.substring(0, dot);
        byte[] expected = signature(body).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, token.substring(dot + 1).getBytes(StandardCharsets.US_ASCII));
    }

    private String signature(String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            byte[] full = mac.doFinal(body.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(full, SIGNATURE_BYTES));
        } catch (GeneralSecurityException missing) {
            throw new IllegalStateException("this JDK lacks HmacSHA256", missing);
        }
    }
}

package dev.callboard.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Random bearer secrets and their stored form. A secret is 32 bytes from {@link SecureRandom},
 * base64url without padding (43 characters); the database keeps only its SHA-256, so a leaked
 * table grants nothing. A plain (unsalted) hash is enough because the secret has 256 bits of entropy.
 */
final class SecretTokens {
    /** Longer input cannot be one of ours; refusing it early avoids hashing attacker-sized strings. */
    static final int MAX_LENGTH = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private SecretTokens() {}

    static String newSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static byte[] sha256(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    static boolean plausible(String secret) {
        return secret != null && !secret.isEmpty() && secret.length() <= MAX_LENGTH;
    }
}

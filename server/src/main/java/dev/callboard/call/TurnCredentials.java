package dev.callboard.call;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/**
 * Time-limited TURN credentials in coturn's {@code use-auth-secret} scheme (the "TURN REST API"):
 * username {@code <unix expiry>:<userId>}, password base64(HMAC-SHA1(secret, username)). coturn
 * recomputes the password from the shared secret and refuses it after the expiry.
 */
public final class TurnCredentials {
    public record Credential(String username, String credential) {}

    private TurnCredentials() {}

    public static Credential mint(String secret, UUID userId, Instant now, Duration ttl) {
        String username = now.plus(ttl).getEpochSecond() + ":" + userId;
        return new Credential(username, sign(secret, username));
    }

    static String sign(String secret, String username) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(username.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 unavailable", e);
        }
    }
}

package dev.callboard.call;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;
import java.util.List;

/**
 * @param stunUrls       e.g. {@code stun:stun.example.org:3478}
 * @param turnUrls       e.g. {@code turn:turn.example.org:3478?transport=udp}
 * @param turnSecret     coturn's {@code static-auth-secret} ({@code use-auth-secret}); TURN is left out without it
 * @param credentialTtl  how long minted TURN credentials stay valid
 */
@ConfigurationProperties("callboard.ice")
public record IceProperties(List<String> stunUrls, List<String> turnUrls, String turnSecret, Duration credentialTtl) {
    public IceProperties {
        stunUrls = clean(stunUrls);
        turnUrls = clean(turnUrls);
        if (credentialTtl == null || credentialTtl.isNegative() || credentialTtl.isZero()) credentialTtl = Duration.ofHours(12);
    }

    public boolean turnEnabled() {
        return !turnUrls.isEmpty() && turnSecret != null && !turnSecret.isBlank();
    }

    private static List<String> clean(List<String> urls) {
        return urls == null ? List.of() : urls.stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}

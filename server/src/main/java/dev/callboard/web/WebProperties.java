package dev.callboard.web;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param frameAncestors who may frame Callboard's pages (CSP {@code frame-ancestors}), e.g.
 *                       {@code 'self' https://crm.example.com} ({@code CALLBOARD_FRAME_ANCESTORS});
 *                       default {@code 'self'}
 */
@ConfigurationProperties("callboard.web")
public record WebProperties(String frameAncestors) {
    public WebProperties {
        if (frameAncestors == null || frameAncestors.isBlank()) frameAncestors = "'self'";
    }
}

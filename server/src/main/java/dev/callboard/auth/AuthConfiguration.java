package dev.callboard.auth;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

@Configuration(proxyBeanMethods = false)
public class AuthConfiguration {
    /** Bounds the limiter's memory: at most this many emails + IPs are tracked (LRU beyond). */
    static final int RATE_LIMIT_MAX_KEYS = 100_000;

    @Bean
    public LoginRateLimiter loginRateLimiter(Clock clock, AuthProperties properties) {
        return new LoginRateLimiter(clock, properties.loginAttemptsPerMinute(),
                properties.loginAttemptsPerIpPerMinute(), RATE_LIMIT_MAX_KEYS);
    }
}

package dev.callboard.web;

import dev.callboard.auth.AuthTokens;
import dev.callboard.auth.HostJwtProperties;
import dev.callboard.auth.HostJwtVerifier;
import dev.callboard.auth.HostTokens;
import dev.callboard.auth.Sessions;
import dev.callboard.directory.ExternalUsers;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.web.client.RestTemplate;

import java.time.Clock;
import java.time.Duration;

/**
 * Host-signed tokens, when {@code callboard.auth.jwt.jwk-set-uri} or {@code hs256-secret} is set. The
 * JWKS is fetched over HTTP here, at the edge, with short timeouts: an IdP that hangs makes a first
 * request with a new token fail in seconds (503), never a request thread wait without end.
 */
@Configuration(proxyBeanMethods = false)
public class HostTokenConfiguration {
    static final Duration JWKS_TIMEOUT = Duration.ofSeconds(2);

    @Bean
    @ConditionalOnExpression("'${callboard.auth.jwt.jwk-set-uri:}' != '' or '${callboard.auth.jwt.hs256-secret:}' != ''")
    public HostTokens hostTokens(HostJwtProperties properties, Clock clock, AuthTokens tokens,
                                 ExternalUsers users, Sessions sessions) {
        SimpleClientHttpRequestFactory requests = new SimpleClientHttpRequestFactory();
        requests.setConnectTimeout(JWKS_TIMEOUT);
        requests.setReadTimeout(JWKS_TIMEOUT);
        RestTemplate http = new RestTemplate(requests);
        HostJwtVerifier verifier = new HostJwtVerifier(properties, clock, builder -> builder.restOperations(http));
        return new HostTokens(verifier, properties, tokens, users, sessions);
    }
}

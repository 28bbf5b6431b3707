package oidcprovider;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientCredentialsAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Spring Authorization Server as a host's identity provider, for Callboard's tests: OIDC discovery,
 * a JWKS with an RSA and an EC key, and access tokens from the client-credentials grant. A host app
 * would issue its users' tokens through a login; to keep the tests short, the token request itself
 * says whose token it is: the extra form parameters {@code subject}, {@code email}, {@code name},
 * {@code picture}, {@code role} become claims, {@code audience} replaces the default audience
 * ({@code callboard}), {@code alg=ES256} signs with the EC key, {@code not_before_seconds} moves
 * {@code nbf} into the future. Everything else (signing, keys, discovery, expiry) is the server's own.
 */
@SpringBootApplication
public class TestOidcProvider {
    public static final String CLIENT_ID = "callboard-host";
    public static final String CLIENT_SECRET = "host-secret";

    public static void main(String[] args) {
        SpringApplication.run(TestOidcProvider.class, args);
    }

    @Bean
    RegisteredClientRepository clients() {
        RegisteredClient host = RegisteredClient.withId(UUID.randomUUID().toString())
                .clientId(CLIENT_ID)
                .clientSecret("{noop}" + CLIENT_SECRET)
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                .tokenSettings(TokenSettings.builder().accessTokenTimeToLive(Duration.ofMinutes(10)).build())
                .build();
        return new InMemoryRegisteredClientRepository(host);
    }

    @Bean
    JWKSource<SecurityContext> keys() throws JOSEException {
        return new ImmutableJWKSet<>(new JWKSet(List.of(
                new RSAKeyGenerator(2048).keyUse(KeyUse.SIGNATURE).keyID("rsa-" + UUID.randomUUID()).generate(),
                new ECKeyGenerator(Curve.P_256).keyUse(KeyUse.SIGNATURE).keyID("ec-" + UUID.randomUUID()).generate())));
    }

    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> claimsFromRequest() {
        return context -> {
            if (!(context.getAuthorizationGrant() instanceof OAuth2ClientCredentialsAuthenticationToken grant)) return;
            Map<String, Object> asked = grant.getAdditionalParameters();
            context.getClaims().audience(List.of(text(asked, "audience", "callboard")));
            if (asked.containsKey("subject")) context.getClaims().subject(text(asked, "subject", null));
            for (String claim : List.of("email", "name", "picture", "role")) {
                if (asked.containsKey(claim)) context.getClaims().claim(claim, text(asked, claim, null));
            }
            if (asked.containsKey("not_before_seconds")) {
                context.getClaims().notBefore(Instant.now().plusSeconds(Long.parseLong(text(asked, "not_before_seconds", "0"))));
            }
            if ("ES256".equals(asked.get("alg"))) context.getJwsHeader().algorithm(SignatureAlgorithm.ES256);
        };
    }

    private static String text(Map<String, Object> parameters, String name, String otherwise) {
        Object value = parameters.get(name);
        return value == null ? otherwise : value.toString();
    }
}

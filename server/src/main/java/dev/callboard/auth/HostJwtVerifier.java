package dev.callboard.auth;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtAudienceValidator;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Verifies host-signed access tokens with Spring Security's Nimbus decoder: the signature against the
 * IdP's JWKS (RS256 or ES256 only) or the shared HS256 secret, then {@code iss}, {@code aud},
 * {@code exp} (required) and {@code nbf} with the configured skew, on Callboard's clock. The header's
 * {@code alg} only picks which of the two configured keys to try; each decoder accepts nothing but
 * its own algorithms, so an unsigned token ({@code alg: none}) or an HS256 token "signed" with the
 * IdP's public RSA key never verifies.
 */
public class HostJwtVerifier {
    /** A token that is not acceptable: forged, expired, for another audience... The message says which. */
    public static final class Rejected extends RuntimeException {
        Rejected(String message) {
            super(message, null, false, false);
        }
    }

    /** The IdP's JWKS could not be fetched: nobody's token can be checked until it can. */
    public static final class KeysUnavailable extends RuntimeException {
        KeysUnavailable(String message) {
            super(message, null, false, false);
        }
    }

    private final JwtDecoder byJwks;
    private final JwtDecoder bySecret;

    /**
     * @param jwksTransport how the JWKS is fetched (the web layer's HTTP client, with timeouts); it
     *                      must not change the algorithms
     */
    public HostJwtVerifier(HostJwtProperties properties, Clock clock,
                           UnaryOperator<NimbusJwtDecoder.JwkSetUriJwtDecoderBuilder> jwksTransport) {
        OAuth2TokenValidator<Jwt> validator = validator(properties, clock);
        this.byJwks = properties.jwkSetUri() == null ? null : jwksDecoder(properties, validator, jwksTransport);
        this.bySecret = properties.hs256Secret() == null ? null : secretDecoder(properties, validator);
    }

    /** Whether this looks like a JWT (three base64url parts) rather than one of Callboard's opaque tokens. */
    public static boolean looksLikeJwt(String token) {
        int first = token.indexOf('.');
        return first > 0 && token.indexOf('.', first + 1) > first;
    }

    public Jwt verify(String token) {
        JwtDecoder decoder = decoderFor(token);
        try {
            return decoder.decode(token);
        } catch (BadJwtException e) {
            throw new Rejected(e.getMessage());
        } catch (JwtException e) {
            throw new KeysUnavailable(e.getMessage());
        }
    }

    private JwtDecoder decoderFor(String token) {
        JWT parsed;
        try {
            parsed = JWTParser.parse(token);
        } catch (ParseException e) {
            throw new Rejected("malformed token");
        }
        if (!(parsed instanceof SignedJWT signed)) throw new Rejected("unsigned or encrypted tokens are not accepted");
        JWSAlgorithm alg = signed.getHeader().getAlgorithm();
        JwtDecoder decoder = JWSAlgorithm.HS256.equals(alg) ? bySecret
                : JWSAlgorithm.RS256.equals(alg) || JWSAlgorithm.ES256.equals(alg) ? byJwks
                : null;
        if (decoder == null) throw new Rejected("tokens signed with " + alg + " are not accepted");
        return decoder;
    }

    private static OAuth2TokenValidator<Jwt> validator(HostJwtProperties properties, Clock clock) {
        JwtTimestampValidator timestamps = new JwtTimestampValidator(properties.clockSkew());
        timestamps.setClock(clock);
        timestamps.setAllowEmptyExpiryClaim(false);
        return new DelegatingOAuth2TokenValidator<>(List.of(
                timestamps,
                new JwtIssuerValidator(properties.issuer()),
                new JwtAudienceValidator(properties.audience()),
                new JwtClaimValidator<String>("sub", sub -> sub != null && !sub.isBlank())));
    }

    private static JwtDecoder jwksDecoder(HostJwtProperties properties, OAuth2TokenValidator<Jwt> validator,
                                          UnaryOperator<NimbusJwtDecoder.JwkSetUriJwtDecoderBuilder> transport) {
        NimbusJwtDecoder decoder = transport.apply(NimbusJwtDecoder.withJwkSetUri(properties.jwkSetUri().toString()))
                .jwsAlgorithms(algorithms -> {
                    algorithms.clear();
                    algorithms.add(SignatureAlgorithm.RS256);
                    algorithms.add(SignatureAlgorithm.ES256);
                })
                .validateType(false)
                .build();
        decoder.setJwtValidator(validator);
        return decoder;
    }

    private static JwtDecoder secretDecoder(HostJwtProperties properties, OAuth2TokenValidator<Jwt> validator) {
        SecretKeySpec key = new SecretKeySpec(properties.hs256Secret().getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withSecretKey(key).macAlgorithm(MacAlgorithm.HS256)
                .validateType(false).build();
        decoder.setJwtValidator(validator);
        return decoder;
    }
}

package dev.provisioningstatus.gateway.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerProperties;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.SupplierReactiveJwtDecoder;
import org.springframework.util.StringUtils;

/**
 * How bearer tokens are verified, in exactly one of two modes:
 * <ul>
 * <li><b>HMAC</b> ({@code provisioning.gateway.security.hmac-secret}): HS256 with a shared key; the
 * embedded and devstack default, where the devstack mints its demo users' tokens.</li>
 * <li><b>Identity provider</b> (Spring Boot's {@code spring.security.oauth2.resourceserver.jwt.jwk-set-uri}
 * and/or {@code issuer-uri}): the provider's signatures ({@code jws-algorithms}, RS256 by default)
 * checked against its published JWK set; {@code issuer-uri} alone finds the JWK set by OpenID
 * discovery on first use and also requires {@code iss} to match; {@code audiences}, when set,
 * requires one of them in {@code aud}.</li>
 * </ul>
 * Both or neither is a configuration error: the gateway refuses to start rather than guess.
 * Either way {@code exp} and {@code sub} are required and timestamps allow {@code clockSkew}.
 */
public final class TokenVerification {

    static final String HMAC_SECRET = "provisioning.gateway.security.hmac-secret";
    static final String PREFIX = "spring.security.oauth2.resourceserver.jwt.";
    static final String JWK_SET_URI = PREFIX + "jwk-set-uri";
    static final String ISSUER_URI = PREFIX + "issuer-uri";

    private TokenVerification() {
    }

    /** The decoder of the one configured mode; {@link IllegalStateException} unless exactly one is configured. */
    public static ReactiveJwtDecoder decoder(GatewaySecurityProperties gateway,
            OAuth2ResourceServerProperties.Jwt identityProvider) {
        String jwkSetUri = identityProvider.getJwkSetUri();
        String issuerUri = identityProvider.getIssuerUri();
        boolean hmac = gateway.hasHmacSecret();
        boolean provider = StringUtils.hasText(jwkSetUri) || StringUtils.hasText(issuerUri);
        if (identityProvider.getPublicKeyLocation() != null) {
            throw new IllegalStateException(PREFIX + "public-key-location is not supported by the gateway: publish "
                    + "the key as a JWK set and set " + JWK_SET_URI);
        }
        if (hmac == provider) {
            throw new IllegalStateException("Configure exactly one way to verify bearer tokens, but "
                    + (hmac ? "both are" : "neither is") + " set: either " + HMAC_SECRET
                    + " (HS256 shared key: embedded and devstack) or " + ISSUER_URI + " and/or " + JWK_SET_URI
                    + " (an identity provider's keys: production)");
        }
        List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>(common(gateway));
        if (hmac) {
            NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder
                    .withSecretKey(new SecretKeySpec(gateway.hmacKey(), "HmacSHA256"))
                    .macAlgorithm(MacAlgorithm.HS256)
                    .build();
            decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(validators));
            return decoder;
        }
        if (StringUtils.hasText(issuerUri)) {
            validators.add(new JwtIssuerValidator(issuerUri));
        }
        List<String> audiences = identityProvider.getAudiences();
        if (audiences != null && !audiences.isEmpty()) {
            validators.add(new JwtClaimValidator<Collection<String>>(JwtClaimNames.AUD,
                    aud -> aud != null && aud.stream().anyMatch(audiences::contains)));
        }
        List<SignatureAlgorithm> algorithms = algorithms(identityProvider.getJwsAlgorithms());
        OAuth2TokenValidator<Jwt> validator = new DelegatingOAuth2TokenValidator<>(validators);
        if (StringUtils.hasText(jwkSetUri)) {
            return providerDecoder(NimbusReactiveJwtDecoder.withJwkSetUri(jwkSetUri), algorithms, validator);
        }
        // Discovery needs the provider up; deferring it to the first token lets the gateway start without it.
        return new SupplierReactiveJwtDecoder(() -> providerDecoder(
                NimbusReactiveJwtDecoder.withIssuerLocation(issuerUri), algorithms, validator));
    }

    private static List<OAuth2TokenValidator<Jwt>> common(GatewaySecurityProperties gateway) {
        JwtTimestampValidator timestamps = new JwtTimestampValidator(gateway.clockSkew());
        timestamps.setAllowEmptyExpiryClaim(false);
        return List.of(timestamps,
                new JwtClaimValidator<>(JwtClaimNames.EXP, Objects::nonNull),
                new JwtClaimValidator<String>(JwtClaimNames.SUB, subject -> subject != null && !subject.isBlank()));
    }

    private static NimbusReactiveJwtDecoder providerDecoder(
            NimbusReactiveJwtDecoder.JwkSetUriReactiveJwtDecoderBuilder builder, List<SignatureAlgorithm> algorithms,
            OAuth2TokenValidator<Jwt> validator) {
        NimbusReactiveJwtDecoder decoder = builder.jwsAlgorithms(accepted -> accepted.addAll(algorithms)).build();
        decoder.setJwtValidator(validator);
        return decoder;
    }

    private static List<SignatureAlgorithm> algorithms(List<String> names) {
        List<String> configured = names == null || names.isEmpty() ? List.of("RS256") : names;
        return configured.stream().map(name -> {
            SignatureAlgorithm algorithm = SignatureAlgorithm.from(name);
            if (algorithm == null) {
                throw new IllegalStateException(PREFIX + "jws-algorithms: unknown algorithm '" + name
                        + "'; the identity provider mode takes public-key algorithms such as RS256 or ES256");
            }
            return algorithm;
        }).toList();
    }
}

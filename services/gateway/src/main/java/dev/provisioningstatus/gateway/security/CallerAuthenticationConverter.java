package dev.provisioningstatus.gateway.security;

import java.util.List;
import java.util.stream.Stream;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import reactor.core.publisher.Mono;

/** Turns a verified token into an authentication named by {@code sub}, with its roles and scopes as authorities. */
final class CallerAuthenticationConverter implements Converter<Jwt, Mono<AbstractAuthenticationToken>> {

    @Override
    public Mono<AbstractAuthenticationToken> convert(Jwt jwt) {
        Caller caller = Caller.from(jwt);
        List<SimpleGrantedAuthority> authorities = Stream.concat(
                        caller.roles().stream().map(role -> "ROLE_" + role),
                        caller.scopes().stream().map(scope -> "SCOPE_" + scope))
                .sorted().map(SimpleGrantedAuthority::new).toList();
        return Mono.just(new JwtAuthenticationToken(jwt, authorities, caller.subject()));
    }
}

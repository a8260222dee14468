package dev.provisioningstatus.gateway.security;

import dev.provisioningstatus.events.Ids;
import dev.provisioningstatus.gateway.problem.ProblemResponses;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.authorization.ReactiveAuthorizationManager;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.oauth2.server.resource.web.server.authentication.ServerBearerTokenAuthenticationConverter;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.AuthorizationContext;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsConfigurationSource;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.result.method.annotation.ArgumentResolverConfigurer;
import reactor.core.publisher.Mono;

/**
 * Bearer JWT on every API route, deny by default (the two streams are served below WebFlux and
 * apply the same rules themselves, see {@code StreamAccess}); {@link TokenVerification} says how tokens are
 * verified (HS256 shared key, or an identity provider's JWK set). Workspace paths are checked here
 * against the token's {@code workspaces}; per-application visibility needs the view, so the
 * handlers check it (and answer 404, never the data).
 */
@Configuration
@EnableWebFluxSecurity
@EnableConfigurationProperties(OAuth2ResourceServerProperties.class)
public class SecurityConfiguration {

    static final List<String> ALLOWED_HEADERS = List.of(HttpHeaders.AUTHORIZATION, HttpHeaders.CONTENT_TYPE,
            "Last-Event-ID", "Idempotency-Key");

    /**
     * Every response header the API documents, so that a page of another origin can read it: the new
     * application's {@code Location} (201), when to retry ({@code Retry-After}, 429) and why a token
     * was refused ({@code WWW-Authenticate}, 401). Browsers hide every other non-safelisted header.
     */
    static final List<String> EXPOSED_HEADERS = List.of(HttpHeaders.LOCATION, HttpHeaders.RETRY_AFTER,
            HttpHeaders.WWW_AUTHENTICATE);

    /**
     * No observation per security filter: each request would carry one wrapper, context and set of
     * key values per filter for its whole life. Requests are still observed as a whole
     * ({@code http.server.requests}).
     */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    ReactiveJwtDecoder jwtDecoder(GatewaySecurityProperties properties, OAuth2ResourceServerProperties identityProvider) {
        return TokenVerification.decoder(properties, identityProvider.getJwt());
    }

    @Bean
    SecurityWebFilterChain apiSecurity(ServerHttpSecurity http, ReactiveJwtDecoder jwtDecoder,
            CorsConfigurationSource corsConfigurationSource, ProblemResponses problems) {
        ServerAuthenticationEntryPoint unauthorized = (exchange, failure) -> {
            boolean badToken = failure instanceof OAuth2AuthenticationException;
            exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE,
                    badToken ? AccessRefusals.BAD_TOKEN_CHALLENGE : AccessRefusals.BEARER);
            return problems.write(exchange, HttpStatus.UNAUTHORIZED,
                    badToken ? AccessRefusals.BAD_TOKEN : AccessRefusals.NO_TOKEN);
        };
        ServerAccessDeniedHandler forbidden = (exchange, denied) ->
                problems.write(exchange, HttpStatus.FORBIDDEN, AccessRefusals.FORBIDDEN);
        // Only the Authorization header carries tokens: never a query parameter, never a form field.
        ServerBearerTokenAuthenticationConverter bearerTokens = new ServerBearerTokenAuthenticationConverter();
        bearerTokens.setAllowUriQueryParameter(false);

        return http
                .csrf(ServerHttpSecurity.CsrfSpec::disable) // no cookies or sessions: nothing for CSRF to ride on
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .cors(cors -> cors.configurationSource(corsConfigurationSource))
                .authorizeExchange(routes -> routes
                        .pathMatchers(HttpMethod.GET, "/", "/index.html", "/widget/**").permitAll()
                        .pathMatchers(HttpMethod.GET, "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html",
                                "/swagger-ui/**", "/webjars/swagger-ui/**").permitAll()
                        .pathMatchers(HttpMethod.GET, "/asyncapi.yaml", "/schemas/**").permitAll()
                        .pathMatchers(HttpMethod.GET, "/actuator/health", "/actuator/health/**").permitAll()
                        .pathMatchers("/actuator/**").access(callerMay(Caller::isAdmin))
                        .pathMatchers("/api/admin/**").access(callerMay(Caller::isAdmin))
                        .pathMatchers("/api/workspaces/{workspaceId}/**").access(memberOfPathWorkspace())
                        .pathMatchers(HttpMethod.POST, "/api/applications").access(callerMay(Caller::mayRegisterApplications))
                        .pathMatchers(HttpMethod.DELETE, "/api/applications/{applicationId}")
                        .access(callerMay(Caller::mayRegisterApplications))
                        .pathMatchers("/api/**").authenticated()
                        .anyExchange().denyAll())
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .bearerTokenConverter(bearerTokens)
                        .authenticationEntryPoint(unauthorized)
                        .accessDeniedHandler(forbidden)
                        .jwt(jwt -> jwt.jwtDecoder(jwtDecoder)
                                .jwtAuthenticationConverter(new CallerAuthenticationConverter())))
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint(unauthorized)
                        .accessDeniedHandler(forbidden))
                .build();
    }

    /** URLs the firewall refuses (encoded slashes, CR/LF) get a problem document like every other 400. */
    @Bean
    ServerExchangeRejectedHandler rejectedExchanges(ProblemResponses problems) {
        return (exchange, rejected) -> problems.write(exchange, HttpStatus.BAD_REQUEST, "The request URL is malformed");
    }

    @Bean
    CorsConfigurationSource corsConfigurationSource(GatewayCorsProperties properties) {
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/api/**", crossOrigin(properties));
        return source;
    }

    /** The API's CORS rules: the filter chain's, and the streams' own route's. */
    public static CorsConfiguration crossOrigin(GatewayCorsProperties properties) {
        CorsConfiguration cors = new CorsConfiguration();
        cors.setAllowedOrigins(properties.allowedOrigins());
        cors.setAllowedMethods(List.of(HttpMethod.GET.name(), HttpMethod.POST.name(), HttpMethod.DELETE.name()));
        cors.setAllowedHeaders(ALLOWED_HEADERS);
        cors.setExposedHeaders(EXPOSED_HEADERS);
        // Bearer tokens travel in a header; no cookies, so no credentialed CORS.
        cors.setAllowCredentials(false);
        cors.setMaxAge(Duration.ofHours(1));
        return cors;
    }

    @Bean
    WebFluxConfigurer callerArguments() {
        return new WebFluxConfigurer() {
            @Override
            public void configureArgumentResolvers(ArgumentResolverConfigurer configurer) {
                configurer.addCustomResolver(new CallerArgumentResolver());
            }
        };
    }

    private static ReactiveAuthorizationManager<AuthorizationContext> callerMay(
            Predicate<Caller> rule) {
        return (authentication, context) -> decide(authentication, rule);
    }

    /**
     * A malformed workspace id names no workspace, so no membership is at stake: any signed-in caller
     * passes on to the handler, which answers 400 to members and admins alike.
     */
    private static ReactiveAuthorizationManager<AuthorizationContext> memberOfPathWorkspace() {
        return (authentication, context) -> {
            String workspaceId = (String) context.getVariables().get("workspaceId");
            return decide(authentication, caller -> !Ids.isValid(workspaceId) || caller.mayReadWorkspace(workspaceId));
        };
    }

    private static Mono<AuthorizationResult> decide(Mono<Authentication> authentication,
            Predicate<Caller> rule) {
        return authentication
                .filter(JwtAuthenticationToken.class::isInstance)
                .map(token -> (AuthorizationResult) new AuthorizationDecision(
                        rule.test(Caller.from(((JwtAuthenticationToken) token).getToken()))))
                .defaultIfEmpty(new AuthorizationDecision(false));
    }
}

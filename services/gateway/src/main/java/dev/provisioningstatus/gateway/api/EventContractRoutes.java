package dev.provisioningstatus.gateway.api;

import static org.springframework.web.reactive.function.server.RequestPredicates.GET;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The event contract from shared-events, public like {@code /v3/api-docs}: the AsyncAPI document at
 * {@code /asyncapi.yaml} and the JSON Schema files its messages refer to (relative references, so
 * they resolve to {@code /schemas/<Type>.schema.json} here).
 */
@Configuration(proxyBeanMethods = false)
class EventContractRoutes {

    static final MediaType YAML = MediaType.parseMediaType("application/yaml");

    @Bean
    RouterFunction<ServerResponse> eventContract() {
        Resource document = new ClassPathResource("asyncapi.yaml");
        return RouterFunctions.route(GET("/asyncapi.yaml"), request -> ServerResponse.ok().contentType(YAML)
                        .bodyValue(document))
                .and(RouterFunctions.resources("/schemas/**", new ClassPathResource("schemas/")));
    }
}

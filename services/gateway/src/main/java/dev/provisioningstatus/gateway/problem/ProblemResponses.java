package dev.provisioningstatus.gateway.problem;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.springframework.core.ResolvableType;
import org.springframework.core.codec.Encoder;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.codec.EncoderHttpMessageWriter;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.codec.HttpMessageWriter;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.reactive.result.view.ViewResolver;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.UriUtils;
import reactor.core.publisher.Mono;

/**
 * Writes RFC 9457 problems from places that run before any handler (security filters) or outside
 * WebFlux (the streams' route), with the same codecs, hence the same JSON, as handler responses.
 */
@Component
public class ProblemResponses {

    public static final URI BLANK_TYPE = URI.create("about:blank");

    private static final ResolvableType PROBLEM = ResolvableType.forClass(ProblemDetail.class);

    private final ServerResponse.Context context;
    private final Encoder<ProblemDetail> encoder;

    @SuppressWarnings("unchecked")
    public ProblemResponses(ServerCodecConfigurer codecs) {
        List<HttpMessageWriter<?>> writers = codecs.getWriters();
        this.encoder = writers.stream()
                .filter(writer -> writer instanceof EncoderHttpMessageWriter<?>
                        && writer.canWrite(PROBLEM, MediaType.APPLICATION_PROBLEM_JSON))
                .map(writer -> (Encoder<ProblemDetail>) ((EncoderHttpMessageWriter<?>) writer).getEncoder())
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no codec writes application/problem+json"));
        this.context = new ServerResponse.Context() {
            @Override
            public List<HttpMessageWriter<?>> messageWriters() {
                return writers;
            }

            @Override
            public List<ViewResolver> viewResolvers() {
                return List.of();
            }
        };
    }

    public Mono<Void> write(ServerWebExchange exchange, HttpStatus status, String detail) {
        ProblemDetail problem = problem(status, detail, exchange.getRequest().getPath().value());
        return ServerResponse.status(status)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .bodyValue(problem)
                .flatMap(response -> response.writeTo(exchange, context));
    }

    /** The problem's {@code application/problem+json} body. */
    public byte[] body(HttpStatus status, String detail, String path) {
        DataBuffer buffer = encoder.encodeValue(problem(status, detail, path), DefaultDataBufferFactory.sharedInstance,
                PROBLEM, MediaType.APPLICATION_PROBLEM_JSON, Map.of());
        byte[] bytes = new byte[buffer.readableByteCount()];
        buffer.read(bytes);
        DataBufferUtils.release(buffer);
        return bytes;
    }

    /** The path as sent; percent-encoded where it is not a valid URI reference (only the streams' route sees such paths). */
    private static URI instance(String path) {
        try {
            return URI.create(path);
        } catch (IllegalArgumentException notAUri) {
            return URI.create(UriUtils.encodePath(path, StandardCharsets.UTF_8));
        }
    }

    private static ProblemDetail problem(HttpStatus status, String detail, String path) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(BLANK_TYPE);
        problem.setInstance(instance(path));
        return problem;
    }
}

package dev.provisioningstatus.gateway.problem;

import dev.provisioningstatus.gateway.command.CommandPublishingException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.reactive.result.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Every error of the API as RFC 9457 {@code application/problem+json}: Spring's own (400
 * unreadable body, 405, 406, 413, 415…) through the base class, the API's through
 * {@link ApiProblems}, anything unexpected as a 500 that reveals nothing internal.
 */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    /**
     * RFC 9457's default type, written out: clients may rely on every problem having {@code type}. The
     * content type is set here because a route may produce another type, and a problem answered there
     * must still be a problem document.
     */
    @Override
    protected Mono<ResponseEntity<Object>> createResponseEntity(Object body, HttpHeaders headers,
            HttpStatusCode status, ServerWebExchange exchange) {
        if (!(body instanceof ProblemDetail problem)) {
            return super.createResponseEntity(body, headers, status, exchange);
        }
        if (problem.getType() == null) {
            problem.setType(ProblemResponses.BLANK_TYPE);
        }
        HttpHeaders problemHeaders = new HttpHeaders();
        if (headers != null) {
            problemHeaders.addAll(headers);
        }
        problemHeaders.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        return super.createResponseEntity(body, problemHeaders, status, exchange);
    }

    /** Nothing of the request was written, so the caller can simply try again. */
    @ExceptionHandler(CommandPublishingException.class)
    Mono<ResponseEntity<Object>> commandsNotSent(CommandPublishingException exception, ServerWebExchange exchange) {
        log.warn("Commands not sent: {} ({})", exception.getMessage(),
                NestedExceptionUtils.getMostSpecificCause(exception).toString());
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "The request could not be recorded right now and nothing was changed; try again shortly");
        return handleExceptionInternal(exception, problem, null, HttpStatus.SERVICE_UNAVAILABLE, exchange);
    }

    @ExceptionHandler(Exception.class)
    Mono<ResponseEntity<Object>> unexpected(Exception exception, ServerWebExchange exchange) {
        log.error("Unexpected failure serving {} {}", exchange.getRequest().getMethod(),
                exchange.getRequest().getPath(), exception);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "The gateway failed to answer this request");
        return handleExceptionInternal(exception, problem, null, HttpStatus.INTERNAL_SERVER_ERROR, exchange);
    }
}

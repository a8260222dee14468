package dev.provisioningstatus.gateway.problem;

import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** The API's own problems; Spring renders them as {@code application/problem+json}. */
public final class ApiProblems {

    private ApiProblems() {
    }

    public static ErrorResponseException badRequest(String detail) {
        return problem(HttpStatus.BAD_REQUEST, detail, Map.of());
    }

    /** The same answer for unknown and foreign applications, so members learn nothing about other workspaces. */
    public static ErrorResponseException applicationNotFound(String applicationId) {
        return problem(HttpStatus.NOT_FOUND, "No application '" + applicationId + "' is visible to you", Map.of());
    }

    public static ErrorResponseException conflict(String detail, Map<String, Object> properties) {
        return problem(HttpStatus.CONFLICT, detail, properties);
    }

    public static ErrorResponseException unavailable(String detail) {
        return problem(HttpStatus.SERVICE_UNAVAILABLE, detail, Map.of());
    }

    public static ErrorResponseException problem(HttpStatus status, String detail, Map<String, Object> properties) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        properties.forEach(problem::setProperty);
        return new ErrorResponseException(status, problem, null);
    }
}

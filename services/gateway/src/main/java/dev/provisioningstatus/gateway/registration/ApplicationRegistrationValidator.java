package dev.provisioningstatus.gateway.registration;

import dev.provisioningstatus.events.Environment;
import dev.provisioningstatus.events.Ids;
import dev.provisioningstatus.gateway.problem.ApiProblems;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Checks a registration against the contract's limits (the schemas of {@code ApplicationRegistered}
 * and {@code ProvisionRequested}) before anything is written, and names every problem found.
 */
public final class ApplicationRegistrationValidator {

    static final int MAX_NAME_LENGTH = 200;
    private static final String ALLOWED_ENVIRONMENTS = Arrays.stream(Environment.values())
            .map(Environment::id).collect(Collectors.joining(", "));
    private static final int SUFFIX_LENGTH = 6;
    private static final String SUFFIX_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

    private final SecureRandom random = new SecureRandom();

    /** The registration, or a 400 problem listing everything wrong with the request. */
    public ValidRegistration validate(RegisterApplicationRequest request) {
        if (request == null) {
            throw ApiProblems.badRequest("A JSON body is required");
        }
        List<String> problems = new ArrayList<>();
        if (request.applicationId() != null && !Ids.isValid(request.applicationId())) {
            problems.add("applicationId must match " + Ids.PATTERN);
        }
        text("name", request.name(), problems);
        if (!Ids.isValid(request.workspaceId())) {
            problems.add("workspaceId is required and must match " + Ids.PATTERN);
        }
        text("workspaceName", request.workspaceName(), problems);
        List<Environment> environments = environments(request.environments(), problems);
        if (!problems.isEmpty()) {
            throw ApiProblems.badRequest("Invalid application: " + String.join("; ", problems));
        }
        String applicationId = request.applicationId() != null ? request.applicationId() : generatedId(request.name());
        return new ValidRegistration(applicationId, request.name(), request.workspaceId(), request.workspaceName(),
                environments);
    }

    private static void text(String field, String value, List<String> problems) {
        if (value == null || value.isBlank()) {
            problems.add(field + " is required");
        } else if (value.length() > MAX_NAME_LENGTH) {
            problems.add(field + " must be at most " + MAX_NAME_LENGTH + " characters");
        } else if (value.chars().anyMatch(Character::isISOControl)) {
            problems.add(field + " must not contain control characters");
        }
    }

    private static List<Environment> environments(List<String> ids, List<String> problems) {
        if (ids == null || ids.isEmpty()) {
            problems.add("environments must list at least one of " + ALLOWED_ENVIRONMENTS);
            return List.of();
        }
        Set<Environment> environments = EnumSet.noneOf(Environment.class);
        for (String id : ids) {
            Environment environment = Arrays.stream(Environment.values())
                    .filter(candidate -> candidate.id().equals(id)).findFirst().orElse(null);
            if (environment == null) {
                problems.add("environments may only contain " + ALLOWED_ENVIRONMENTS);
                return List.of();
            }
            if (!environments.add(environment)) {
                problems.add("environments lists '" + id + "' twice");
                return List.of();
            }
        }
        return List.copyOf(environments);
    }

    /** A readable id from the name plus a random suffix, e.g. {@code payments-service-k3x9qa}. */
    private String generatedId(String name) {
        String slug = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        int maxSlug = 63 - SUFFIX_LENGTH - 1;
        slug = slug.length() > maxSlug ? slug.substring(0, maxSlug).replaceAll("-+$", "") : slug;
        StringBuilder id = new StringBuilder(slug.isEmpty() ? "app" : slug).append('-');
        for (int i = 0; i < SUFFIX_LENGTH; i++) {
            id.append(SUFFIX_ALPHABET.charAt(random.nextInt(SUFFIX_ALPHABET.length())));
        }
        return id.toString();
    }
}

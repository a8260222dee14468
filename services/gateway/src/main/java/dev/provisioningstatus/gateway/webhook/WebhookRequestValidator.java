package dev.provisioningstatus.gateway.webhook;

import dev.provisioningstatus.events.WebhookAddressPolicy;
import dev.provisioningstatus.events.WebhookAddressRefused;
import dev.provisioningstatus.events.WebhookTransition;
import dev.provisioningstatus.gateway.problem.ApiProblems;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Checks a subscription request, the URL against the address policy, and names every problem found. */
public final class WebhookRequestValidator {

    static final int MAX_DESCRIPTION_LENGTH = 500;
    private static final String ALLOWED_TRANSITIONS = Arrays.stream(WebhookTransition.values())
            .map(WebhookTransition::id).collect(Collectors.joining(", "));

    private final WebhookAddressPolicy addresses;

    public WebhookRequestValidator(WebhookAddressPolicy addresses) {
        this.addresses = addresses;
    }

    /** The request's transitions, or a 400 problem listing everything wrong with it. */
    public List<WebhookTransition> validate(WebhookRequest request) {
        if (request == null) {
            throw ApiProblems.badRequest("A JSON body is required");
        }
        List<String> problems = new ArrayList<>();
        try {
            addresses.check(request.url());
        } catch (WebhookAddressRefused refused) {
            problems.add("url refused: " + refused.getMessage());
        }
        List<WebhookTransition> transitions = transitions(request.transitions(), problems);
        String description = request.description();
        if (description != null && description.length() > MAX_DESCRIPTION_LENGTH) {
            problems.add("description must be at most " + MAX_DESCRIPTION_LENGTH + " characters");
        } else if (description != null && description.chars().anyMatch(Character::isISOControl)) {
            problems.add("description must not contain control characters");
        }
        if (!problems.isEmpty()) {
            throw ApiProblems.badRequest("Invalid webhook: " + String.join("; ", problems));
        }
        return transitions;
    }

    private static List<WebhookTransition> transitions(List<String> ids, List<String> problems) {
        if (ids == null || ids.isEmpty()) {
            problems.add("transitions must list at least one of " + ALLOWED_TRANSITIONS);
            return List.of();
        }
        Set<WebhookTransition> transitions = EnumSet.noneOf(WebhookTransition.class);
        for (String id : ids) {
            WebhookTransition transition = Arrays.stream(WebhookTransition.values())
                    .filter(candidate -> candidate.id().equals(id)).findFirst().orElse(null);
            if (transition == null) {
                problems.add("transitions may only contain " + ALLOWED_TRANSITIONS);
                return List.of();
            }
            if (!transitions.add(transition)) {
                problems.add("transitions lists '" + id + "' twice");
                return List.of();
            }
        }
        return List.copyOf(transitions);
    }
}

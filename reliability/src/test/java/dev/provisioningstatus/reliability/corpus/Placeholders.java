package dev.provisioningstatus.reliability.corpus;

import dev.provisioningstatus.events.EventJson;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Fills a case's {@code ${name}} and {@code ${repeat:<char>:<count>}} placeholders. */
final class Placeholders {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([a-zA-Z0-9]+)(?::(.):(\\d+))?}");

    private final Map<String, String> values;

    Placeholders(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    String fill(String text) {
        Matcher matcher = PLACEHOLDER.matcher(text);
        StringBuilder filled = new StringBuilder();
        while (matcher.find()) {
            String replacement;
            if (matcher.group(1).equals("repeat")) {
                replacement = matcher.group(2).repeat(Integer.parseInt(matcher.group(3)));
            } else if (values.containsKey(matcher.group(1))) {
                replacement = values.get(matcher.group(1));
            } else {
                throw new IllegalArgumentException("unknown placeholder " + matcher.group() + " in " + text);
            }
            matcher.appendReplacement(filled, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(filled);
        return filled.toString();
    }

    /** A copy of {@code json} with every string value filled. */
    JsonNode fill(JsonNode json) {
        if (json.isString()) {
            return EventJson.MAPPER.getNodeFactory().stringNode(fill(json.asString()));
        }
        if (json.isObject()) {
            ObjectNode copy = EventJson.MAPPER.createObjectNode();
            json.properties().forEach(property -> copy.set(property.getKey(), fill(property.getValue())));
            return copy;
        }
        if (json.isArray()) {
            ArrayNode copy = EventJson.MAPPER.createArrayNode();
            json.forEach(item -> copy.add(fill(item)));
            return copy;
        }
        return json;
    }
}

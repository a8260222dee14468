package dev.provisioningstatus.gateway.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provisioningstatus.events.ApplicationProvisioningView;
import dev.provisioningstatus.events.ModerateApplication;
import dev.provisioningstatus.events.ModerateEnvironment;
import io.swagger.v3.core.util.Json31;
import io.swagger.v3.oas.models.media.Schema;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The API's application schemas, taken from the event contract's JSON Schema files (2020-12, which
 * OpenAPI 3.1 speaks) instead of being described a second time: the admin's view is the contract's
 * {@code ApplicationProvisioningView} as it is, and the member's view ({@link ModerateApplication})
 * is the same schema keeping only the fields the member's type has, and nothing else.
 */
final class ContractSchemas {

    static final String APPLICATION_PROVISIONING_VIEW = "ApplicationProvisioningView";
    static final String ENVIRONMENT_CONDITION = "EnvironmentCondition";
    static final String MODERATE_APPLICATION = "ModerateApplication";
    static final String MODERATE_ENVIRONMENT = "ModerateEnvironment";

    private ContractSchemas() {
    }

    /** Component schemas by name: the contract's view, its {@code $defs}, and the moderate views. */
    @SuppressWarnings("rawtypes")
    static Map<String, Schema> applicationSchemas() {
        ObjectNode view = contractSchema(ApplicationProvisioningView.class.getSimpleName());
        Map<String, ObjectNode> nodes = new LinkedHashMap<>();
        ObjectNode defs = (ObjectNode) view.remove("$defs");
        defs.properties().forEach(def -> nodes.put(def.getKey(), (ObjectNode) def.getValue()));
        nodes.put(APPLICATION_PROVISIONING_VIEW, view);

        ObjectNode moderate = only(view, ModerateApplication.class)
                .put("title", MODERATE_APPLICATION)
                .put("description", "What a workspace member sees of an application: the contract's view without"
                        + " eventId, workflowId and incarnation, and environments without errorDetail and history.");
        ((ObjectNode) moderate.get("properties").get("environments").get("items"))
                .put("$ref", "#/components/schemas/" + MODERATE_ENVIRONMENT);
        nodes.put(MODERATE_APPLICATION, moderate);
        nodes.put(MODERATE_ENVIRONMENT, only(nodes.get(ENVIRONMENT_CONDITION), ModerateEnvironment.class)
                .put("title", MODERATE_ENVIRONMENT)
                .put("description", "One environment's condition as a workspace member sees it."));

        Map<String, Schema> schemas = new LinkedHashMap<>();
        nodes.forEach((name, node) -> schemas.put(name, Json31.mapper().convertValue(node, Schema.class)));
        return schemas;
    }

    /** The contract's schema file, its references pointing at components instead of its own {@code $defs}. */
    private static ObjectNode contractSchema(String name) {
        try (InputStream in = ContractSchemas.class.getResourceAsStream("/schemas/" + name + ".schema.json")) {
            if (in == null) {
                throw new IllegalStateException("The event contract has no schema " + name);
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replace("\"#/$defs/", "\"#/components/schemas/");
            ObjectNode schema = (ObjectNode) Json31.mapper().readTree(text);
            schema.remove("$schema");
            schema.remove("$id");
            return schema;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The schema keeping only the properties {@code type} has; no other property is allowed. */
    private static ObjectNode only(ObjectNode schema, Class<? extends Record> type) {
        Set<String> fields = Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName)
                .collect(Collectors.toSet());
        ObjectNode copy = schema.deepCopy();
        ObjectNode properties = (ObjectNode) copy.get("properties");
        for (String field : fields) {
            if (!properties.has(field)) {
                throw new IllegalStateException(type.getSimpleName() + "." + field + " is not in the contract's schema");
            }
        }
        properties.retain(fields);
        ArrayNode required = copy.putArray("required");
        for (JsonNode name : schema.get("required")) {
            if (fields.contains(name.asText())) {
                required.add(name);
            }
        }
        copy.put("additionalProperties", false);
        return copy;
    }
}

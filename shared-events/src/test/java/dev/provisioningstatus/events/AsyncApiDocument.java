package dev.provisioningstatus.events;

import com.networknt.schema.Error;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.StreamSupport;
import org.apache.kafka.common.errors.SerializationException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** Reads the AsyncAPI document on the classpath the way a client generator would: by its references. */
final class AsyncApiDocument {

    static final String RESOURCE = "/asyncapi.yaml";
    static final String JSON_SCHEMA_2020_12 = "application/schema+json;version=draft-2020-12";

    private static final JsonNode DOCUMENT = load();
    /** Schemas the document writes itself (headers, keys) are AsyncAPI schemas: a superset of draft-07. */
    private static final SchemaRegistry DOCUMENT_SCHEMAS = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7);
    private static final SchemaRegistry PAYLOAD_SCHEMAS = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

    private AsyncApiDocument() {
    }

    static Optional<JsonNode> channelAt(String address) {
        return DOCUMENT.path("channels").values().stream()
                .filter(channel -> channel.path("address").asString("").equals(address)).findFirst();
    }

    static List<String> channelAddresses() {
        return DOCUMENT.path("channels").values().stream().map(channel -> channel.path("address").asString()).toList();
    }

    static List<JsonNode> messagesOf(String address) {
        return channelAt(address).map(channel -> channel.path("messages").values().stream()
                .map(AsyncApiDocument::resolved).toList()).orElse(List.of());
    }

    /** The channel's message whose headers schema fixes {@code ce_type} to {@code eventType}. */
    static Optional<JsonNode> messageOfType(String address, String eventType) {
        return messagesOf(address).stream()
                .filter(message -> fixedCeType(inlined(message.path("headers"))).equals(eventType)).findFirst();
    }

    /** The message's headers schema with the document's references replaced by what they refer to. */
    static JsonNode inlinedHeaders(JsonNode message) {
        return inlined(message.path("headers"));
    }

    static JsonNode componentSchema(String name) {
        return DOCUMENT.path("components").path("schemas").path(name);
    }

    /** Violations of the payload schema file the message refers to (relative to the document). */
    static List<String> payloadViolations(JsonNode message, JsonNode payload) {
        String reference = message.path("payload").path("schema").path("$ref").asString();
        String resource = "/" + reference.replaceFirst("^\\./", "");
        try (InputStream in = AsyncApiDocument.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the document refers to " + reference + ", which does not exist");
            }
            return PAYLOAD_SCHEMAS.getSchema(in).validate(payload).stream().map(Error::toString).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> headerViolations(JsonNode message, JsonNode headers) {
        return DOCUMENT_SCHEMAS.getSchema(inlinedHeaders(message)).validate(headers).stream()
                .map(Error::toString).toList();
    }

    /** The contract topics whose serde reads {@code value}, that is, the topics that carry its type. */
    static List<Topic<?>> topicsCarrying(byte[] value) {
        List<Topic<?>> carrying = new ArrayList<>();
        for (Topic<?> topic : Topics.ALL) {
            if (topic.valueSerde() instanceof EventSerde<?> serde && reads(serde, value)) {
                carrying.add(topic);
            }
        }
        return carrying;
    }

    private static boolean reads(EventSerde<?> serde, byte[] value) {
        try {
            serde.read(value);
            return true;
        } catch (SerializationException unreadable) {
            return false;
        }
    }

    private static String fixedCeType(JsonNode headersSchema) {
        JsonNode direct = headersSchema.path("properties").path(CloudEventHeaders.TYPE).path("const");
        if (direct.isString()) {
            return direct.asString();
        }
        return StreamSupport.stream(headersSchema.path("allOf").spliterator(), false).map(AsyncApiDocument::fixedCeType)
                .filter(type -> !type.isEmpty()).findFirst().orElse("");
    }

    private static JsonNode resolved(JsonNode node) {
        JsonNode reference = node.path("$ref");
        if (!reference.isString() || !reference.asString().startsWith("#/")) {
            return node;
        }
        return resolved(DOCUMENT.at(reference.asString().substring(1)));
    }

    /** {@code node} with every reference inside the document replaced by what it refers to. */
    private static JsonNode inlined(JsonNode node) {
        JsonNode target = resolved(node);
        if (target.isObject()) {
            ObjectNode copy = EventJson.MAPPER.createObjectNode();
            for (Map.Entry<String, JsonNode> property : target.properties()) {
                copy.set(property.getKey(), inlined(property.getValue()));
            }
            return copy;
        }
        if (target.isArray()) {
            var copy = EventJson.MAPPER.createArrayNode();
            target.values().forEach(item -> copy.add(inlined(item)));
            return copy;
        }
        return target;
    }

    private static JsonNode load() {
        try (InputStream in = AsyncApiDocument.class.getResourceAsStream(RESOURCE)) {
            return new YAMLMapper().readTree(in);
        }  catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

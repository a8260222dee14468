package dev.provisioningstatus.events;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;

/**
 * The JSON Schema of every event, loaded from {@code /schemas/<Type>.schema.json} on the
 * classpath. The same files are the contract for consumers in other languages.
 */
public final class EventSchemas {

    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    private static final Map<String, Schema> SCHEMAS = new ConcurrentHashMap<>();

    private EventSchemas() {
    }

    /** Schema violations of {@code json} as messages; empty when it is valid. */
    public static List<String> violations(String typeName, JsonNode json) {
        return schema(typeName).validate(json).stream().map(Error::toString).toList();
    }

    public static String resourcePath(String typeName) {
        return "/schemas/" + typeName + ".schema.json";
    }

    private static Schema schema(String typeName) {
        return SCHEMAS.computeIfAbsent(typeName, name -> {
            try (InputStream in = EventSchemas.class.getResourceAsStream(resourcePath(name))) {
                if (in == null) {
                    throw new IllegalArgumentException("no schema for event type '" + name + "'");
                }
                return REGISTRY.getSchema(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}

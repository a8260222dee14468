package dev.provisioningstatus.events;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;

/**
 * The JSON Schema of every event, loaded from {@code /schemas/<Type>.schema.json} on the
 * classpath. The same files are the contract for consumers in other languages. Each is also
 * {@linkplain CompiledSchema compiled} into plain checks: a valid record, nearly every one, is
 * accepted by those alone; the full validator runs for the others, to say why.
 */
public final class EventSchemas {

    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    private static final Map<String, Schema> SCHEMAS = new ConcurrentHashMap<>();
    private static final Map<String, Optional<CompiledSchema>> COMPILED = new ConcurrentHashMap<>();

    private EventSchemas() {
    }

    /** Whether {@code json} is valid: by the compiled checks when the schema compiles, else by the full validator. */
    public static boolean isValid(String typeName, JsonNode json) {
        Optional<CompiledSchema> compiled = COMPILED.computeIfAbsent(typeName,
                name -> CompiledSchema.compile(EventJson.MAPPER.readTree(schemaText(name))));
        return compiled.isPresent() ? compiled.get().accepts(json) : violations(typeName, json).isEmpty();
    }

    /** Schema violations of {@code json} as messages; empty when it is valid. */
    public static List<String> violations(String typeName, JsonNode json) {
        return schema(typeName).validate(json).stream().map(Error::toString).toList();
    }

    public static String resourcePath(String typeName) {
        return "/schemas/" + typeName + ".schema.json";
    }

    private static Schema schema(String typeName) {
        return SCHEMAS.computeIfAbsent(typeName, name -> REGISTRY.getSchema(schemaText(name)));
    }

    static String schemaText(String typeName) {
        try (InputStream in = EventSchemas.class.getResourceAsStream(resourcePath(typeName))) {
            if (in == null) {
                throw new IllegalArgumentException("no schema for event type '" + typeName + "'");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

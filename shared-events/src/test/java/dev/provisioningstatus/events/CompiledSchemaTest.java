package dev.provisioningstatus.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The compiled schemas decide as the full validator does: on every golden document and on
 * mutations of each of its members (removed, or replaced by a value of another type, size or
 * shape), the two agree.
 */
class CompiledSchemaTest {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    static Stream<String> goldenNames() {
        return SampleEvents.BY_GOLDEN_NAME.keySet().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldenNames")
    void everyContractSchemaCompiles(String goldenName) {
        assertThat(compiled(typeName(goldenName))).isPresent();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldenNames")
    void compiledSchemaAgreesWithTheFullValidatorOnMutationsOfTheGoldenDocument(String goldenName) throws IOException {
        String typeName = typeName(goldenName);
        CompiledSchema schema = compiled(typeName).orElseThrow();
        List<JsonNode> documents = mutations(golden(goldenName));

        for (JsonNode document : documents) {
            boolean valid = EventSchemas.violations(typeName, document).isEmpty();
            assertThat(schema.accepts(document)).as("%s accepts %s", typeName, document).isEqualTo(valid);
        }
        assertThat(documents).as("some mutations are valid, some not")
                .anyMatch(document -> EventSchemas.violations(typeName, document).isEmpty())
                .anyMatch(document -> !EventSchemas.violations(typeName, document).isEmpty());
    }

    @Test
    void aSchemaWithAKeywordItDoesNotDecideDoesNotCompile() {
        JsonNode schema = EventJson.MAPPER.readTree("{\"type\":\"object\",\"additionalProperties\":false}");

        assertThat(CompiledSchema.compile(schema)).isEmpty();
    }

    @Test
    void anIntegerMayBeWrittenWithAZeroFraction() {
        CompiledSchema schema = CompiledSchema.compile(EventJson.MAPPER.readTree("{\"type\":\"integer\"}")).orElseThrow();

        assertThat(schema.accepts(NODES.numberNode(new BigDecimal("2.0")))).isTrue();
        assertThat(schema.accepts(NODES.numberNode(2.5))).isFalse();
    }

    @Test
    void uniqueItemsComparesNumbersByValue() {
        CompiledSchema schema = CompiledSchema.compile(EventJson.MAPPER.readTree("{\"uniqueItems\":true}")).orElseThrow();

        assertThat(schema.accepts(EventJson.MAPPER.readTree("[1, 1.0]"))).isFalse();
        assertThat(schema.accepts(EventJson.MAPPER.readTree("[{\"a\":1,\"b\":2}, {\"b\":2,\"a\":1}]"))).isFalse();
        assertThat(schema.accepts(EventJson.MAPPER.readTree("[1, 2, \"1\"]"))).isTrue();
    }

    @Test
    void aRecursiveReferenceCompilesOnce() {
        CompiledSchema schema = CompiledSchema.compile(EventJson.MAPPER.readTree(
                "{\"$defs\":{\"node\":{\"type\":\"object\",\"properties\":{\"next\":{\"$ref\":\"#/$defs/node\"}}}},"
                        + "\"$ref\":\"#/$defs/node\"}")).orElseThrow();

        assertThat(schema.accepts(EventJson.MAPPER.readTree("{\"next\":{\"next\":{}}}"))).isTrue();
        assertThat(schema.accepts(EventJson.MAPPER.readTree("{\"next\":{\"next\":3}}"))).isFalse();
    }

    /** The document, then each member (top level and of the first element of each array) removed or replaced. */
    private static List<JsonNode> mutations(JsonNode document) {
        List<JsonNode> mutations = new ArrayList<>();
        mutations.add(document);
        mutateMembers(document, document, mutations);
        for (Map.Entry<String, JsonNode> member : document.properties()) {
            if (member.getValue().isArray() && !member.getValue().isEmpty()) {
                JsonNode first = member.getValue().get(0);
                if (first.isObject()) {
                    mutateMembers(document, first, mutations);
                }
                ObjectNode doubled = (ObjectNode) document.deepCopy();
                ((ArrayNode) doubled.get(member.getKey())).add(first.deepCopy());
                mutations.add(doubled);
                ObjectNode emptied = (ObjectNode) document.deepCopy();
                emptied.set(member.getKey(), NODES.arrayNode());
                mutations.add(emptied);
            }
        }
        mutations.add(NODES.arrayNode());
        mutations.add(NODES.stringNode("not an object"));
        return mutations;
    }

    /** Mutations of {@code target}, a node inside {@code document}, each in a copy of the whole document. */
    private static void mutateMembers(JsonNode document, JsonNode target, List<JsonNode> mutations) {
        String pointer = pointerOf(document, target);
        List<String> names = new ArrayList<>();
        target.properties().forEach(member -> names.add(member.getKey()));
        for (String name : names) {
            JsonNode removed = document.deepCopy();
            ((ObjectNode) removed.at(pointer)).remove(name);
            mutations.add(removed);
            for (JsonNode replacement : replacements()) {
                JsonNode replaced = document.deepCopy();
                ((ObjectNode) replaced.at(pointer)).set(name, replacement);
                mutations.add(replaced);
            }
        }
    }

    private static List<JsonNode> replacements() {
        return List.of(NODES.stringNode("x"), NODES.stringNode(""), NODES.stringNode("y".repeat(9_000)),
                NODES.stringNode("not-a-date"), NODES.stringNode("failed"), NODES.stringNode("dev"),
                NODES.stringNode("2026-01-01T00:00:00Z"), NODES.stringNode("123e4567-e89b-12d3-a456-426614174000"),
                NODES.numberNode(0), NODES.numberNode(1), NODES.numberNode(-1), NODES.numberNode(1.5),
                NODES.numberNode(new BigDecimal("3.0")), NODES.booleanNode(true), NODES.nullNode(),
                NODES.objectNode(), NODES.arrayNode(), NODES.arrayNode().add("dev").add("dev"),
                NODES.arrayNode().add("dev").add("prod"));
    }

    private static String pointerOf(JsonNode document, JsonNode target) {
        if (document == target) {
            return "";
        }
        for (Map.Entry<String, JsonNode> member : document.properties()) {
            if (member.getValue().isArray() && !member.getValue().isEmpty() && member.getValue().get(0) == target) {
                return "/" + member.getKey() + "/0";
            }
        }
        throw new IllegalArgumentException("not a member's first element");
    }

    private static Optional<CompiledSchema> compiled(String typeName) {
        return CompiledSchema.compile(EventJson.MAPPER.readTree(EventSchemas.schemaText(typeName)));
    }

    private static String typeName(String goldenName) {
        return goldenName.replaceFirst("\\..*", "");
    }

    private static JsonNode golden(String name) throws IOException {
        try (InputStream in = CompiledSchemaTest.class.getResourceAsStream("/golden/" + name + ".json")) {
            assertThat(in).as("golden file %s.json", name).isNotNull();
            return EventJson.MAPPER.readTree(in);
        }
    }
}

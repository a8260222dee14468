package dev.provisioningstatus.events;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * A JSON Schema compiled once into plain checks that answer "valid or not" without collecting
 * messages: the fast path for the records that are valid, which is nearly all of them. It covers
 * the keywords the contract's schemas use and decides exactly as the full validator does
 * ({@code format} is an annotation there, as in draft 2020-12 by default); a schema using any
 * other keyword does not compile, and its records always go through the full validator.
 */
public final class CompiledSchema {

    private static final Set<String> ANNOTATIONS = Set.of("$schema", "$id", "$defs", "$comment", "title",
            "description", "format", "default", "examples", "deprecated", "readOnly", "writeOnly");

    private final Predicate<JsonNode> check;

    private CompiledSchema(Predicate<JsonNode> check) {
        this.check = check;
    }

    /** The schema compiled, or empty when it uses something this compiler does not decide exactly. */
    public static Optional<CompiledSchema> compile(JsonNode schema) {
        try {
            return Optional.of(new CompiledSchema(new Compiler(schema).compile(schema)));
        } catch (Unsupported e) {
            return Optional.empty();
        }
    }

    public boolean accepts(JsonNode instance) {
        return check.test(instance);
    }

    private static final class Unsupported extends RuntimeException {
        Unsupported(String what) {
            super(what, null, false, false);
        }
    }

    private static final class Compiler {

        private final JsonNode root;
        private final Map<String, Predicate<JsonNode>> references = new HashMap<>();

        Compiler(JsonNode root) {
            this.root = root;
        }

        Predicate<JsonNode> compile(JsonNode schema) {
            if (schema.isBoolean()) {
                boolean accepts = schema.booleanValue();
                return instance -> accepts;
            }
            if (!schema.isObject()) {
                throw new Unsupported("schema is not an object");
            }
            List<Predicate<JsonNode>> checks = new ArrayList<>();
            for (Map.Entry<String, JsonNode> keyword : schema.properties()) {
                String name = keyword.getKey();
                JsonNode value = keyword.getValue();
                switch (name) {
                    case "type" -> checks.add(type(value));
                    case "const" -> checks.add(oneOfValues(List.of(value)));
                    case "enum" -> checks.add(oneOfValues(elements(value)));
                    case "pattern" -> {
                        Pattern pattern = Pattern.compile(value.asString());
                        checks.add(onStrings(text -> pattern.matcher(text).find()));
                    }
                    case "minLength" -> {
                        int min = value.asInt();
                        checks.add(onStrings(text -> text.codePointCount(0, text.length()) >= min));
                    }
                    case "maxLength" -> {
                        int max = value.asInt();
                        checks.add(onStrings(text -> text.length() <= max || text.codePointCount(0, text.length()) <= max));
                    }
                    case "minimum" -> {
                        BigDecimal min = value.decimalValue();
                        checks.add(instance -> !instance.isNumber() || instance.decimalValue().compareTo(min) >= 0);
                    }
                    case "maximum" -> {
                        BigDecimal max = value.decimalValue();
                        checks.add(instance -> !instance.isNumber() || instance.decimalValue().compareTo(max) <= 0);
                    }
                    case "required" -> {
                        List<String> names = elements(value).stream().map(JsonNode::asString).toList();
                        checks.add(instance -> !instance.isObject() || names.stream().allMatch(instance::has));
                    }
                    case "properties" -> checks.add(properties(value));
                    case "items" -> {
                        Predicate<JsonNode> item = compile(value);
                        checks.add(instance -> {
                            if (!instance.isArray()) {
                                return true;
                            }
                            for (JsonNode element : instance) {
                                if (!item.test(element)) {
                                    return false;
                                }
                            }
                            return true;
                        });
                    }
                    case "minItems" -> {
                        int min = value.asInt();
                        checks.add(instance -> !instance.isArray() || instance.size() >= min);
                    }
                    case "maxItems" -> {
                        int max = value.asInt();
                        checks.add(instance -> !instance.isArray() || instance.size() <= max);
                    }
                    case "uniqueItems" -> {
                        if (value.asBoolean()) {
                            checks.add(Compiler::uniqueItems);
                        }
                    }
                    case "allOf" -> {
                        List<Predicate<JsonNode>> all = elements(value).stream().map(this::compile).toList();
                        checks.add(instance -> all.stream().allMatch(sub -> sub.test(instance)));
                    }
                    case "oneOf" -> {
                        List<Predicate<JsonNode>> any = elements(value).stream().map(this::compile).toList();
                        checks.add(instance -> any.stream().filter(sub -> sub.test(instance)).count() == 1);
                    }
                    case "not" -> {
                        Predicate<JsonNode> negated = compile(value);
                        checks.add(negated.negate());
                    }
                    case "if" -> checks.add(conditional(schema));
                    case "then", "else" -> {
                        // compiled with "if"; without it they mean nothing
                    }
                    case "$ref" -> checks.add(reference(value.asString()));
                    default -> {
                        if (!ANNOTATIONS.contains(name)) {
                            throw new Unsupported(name);
                        }
                    }
                }
            }
            return instance -> {
                for (Predicate<JsonNode> check : checks) {
                    if (!check.test(instance)) {
                        return false;
                    }
                }
                return true;
            };
        }

        private Predicate<JsonNode> properties(JsonNode properties) {
            Map<String, Predicate<JsonNode>> byName = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> property : properties.properties()) {
                byName.put(property.getKey(), compile(property.getValue()));
            }
            return instance -> {
                if (!instance.isObject()) {
                    return true;
                }
                for (Map.Entry<String, Predicate<JsonNode>> property : byName.entrySet()) {
                    JsonNode value = instance.get(property.getKey());
                    if (value != null && !property.getValue().test(value)) {
                        return false;
                    }
                }
                return true;
            };
        }

        private Predicate<JsonNode> conditional(JsonNode schema) {
            Predicate<JsonNode> condition = compile(schema.get("if"));
            Predicate<JsonNode> then = schema.has("then") ? compile(schema.get("then")) : instance -> true;
            Predicate<JsonNode> otherwise = schema.has("else") ? compile(schema.get("else")) : instance -> true;
            return instance -> condition.test(instance) ? then.test(instance) : otherwise.test(instance);
        }

        /** Local references only ({@code #/$defs/Name}); each compiled once, also when recursive. */
        private Predicate<JsonNode> reference(String reference) {
            if (!reference.startsWith("#/")) {
                throw new Unsupported("$ref " + reference);
            }
            Predicate<JsonNode> known = references.get(reference);
            if (known != null) {
                return known;
            }
            JsonNode target = root.at(reference.substring(1));
            if (target.isMissingNode()) {
                throw new Unsupported("$ref " + reference);
            }
            @SuppressWarnings("unchecked")
            Predicate<JsonNode>[] compiled = new Predicate[1];
            references.put(reference, instance -> compiled[0].test(instance));
            compiled[0] = compile(target);
            return compiled[0];
        }

        private static Predicate<JsonNode> type(JsonNode value) {
            List<String> names = value.isArray() ? elements(value).stream().map(JsonNode::asString).toList()
                    : List.of(value.asString());
            List<Predicate<JsonNode>> types = names.stream().map(Compiler::typeCheck).toList();
            return instance -> types.stream().anyMatch(type -> type.test(instance));
        }

        private static Predicate<JsonNode> typeCheck(String name) {
            return switch (name) {
                case "object" -> JsonNode::isObject;
                case "array" -> JsonNode::isArray;
                case "string" -> JsonNode::isString;
                case "boolean" -> JsonNode::isBoolean;
                case "null" -> JsonNode::isNull;
                case "number" -> JsonNode::isNumber;
                // A number with a zero fractional part, 1.0 included.
                case "integer" -> instance -> instance.isIntegralNumber()
                        || instance.isNumber() && instance.decimalValue().stripTrailingZeros().scale() <= 0;
                default -> throw new Unsupported("type " + name);
            };
        }

        /**
         * {@code enum} and {@code const}: equal as JSON values. Only strings, booleans and null are
         * compared here, where JSON equality and the tree's equality agree.
         */
        private static Predicate<JsonNode> oneOfValues(List<JsonNode> values) {
            for (JsonNode value : values) {
                if (!value.isString() && !value.isBoolean() && !value.isNull()) {
                    throw new Unsupported("enum or const of " + value.getNodeType());
                }
            }
            Set<JsonNode> allowed = new HashSet<>(values);
            return allowed::contains;
        }

        private static Predicate<JsonNode> onStrings(Predicate<String> check) {
            return instance -> !instance.isString() || check.test(instance.asString());
        }

        private static boolean uniqueItems(JsonNode instance) {
            if (!instance.isArray()) {
                return true;
            }
            Set<Object> seen = new HashSet<>();
            for (JsonNode element : instance) {
                if (!seen.add(canonical(element))) {
                    return false;
                }
            }
            return true;
        }

        /** A value with JSON's equality: numbers by value (1 equals 1.0), objects regardless of member order. */
        private static Object canonical(JsonNode node) {
            if (node.isNumber()) {
                return node.decimalValue().stripTrailingZeros();
            }
            if (node.isArray()) {
                List<Object> elements = new ArrayList<>();
                node.forEach(element -> elements.add(canonical(element)));
                return elements;
            }
            if (node.isObject()) {
                Map<String, Object> members = new HashMap<>();
                node.properties().forEach(member -> members.put(member.getKey(), canonical(member.getValue())));
                return members;
            }
            return node;
        }

        private static List<JsonNode> elements(JsonNode array) {
            List<JsonNode> elements = new ArrayList<>();
            array.forEach(elements::add);
            return elements;
        }
    }
}

package dev.provisioningstatus.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** What binding a view without its schema check refuses, and what it leaves to the schema. */
class RequiredMembersTest {

    private static final EventSerde<ApplicationProvisioningView> VIEWS =
            (EventSerde<ApplicationProvisioningView>) Topics.PROVISIONING_STATUS.valueSerde();

    static Stream<Arguments> viewTypes() {
        JsonNode schema = viewSchema();
        return Stream.of(
                Arguments.of(ApplicationProvisioningView.class, schema),
                Arguments.of(EnvironmentCondition.class, schema.at("/$defs/EnvironmentCondition")),
                Arguments.of(AttemptRecord.class, schema.at("/$defs/AttemptRecord")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("viewTypes")
    void theMembersMarkedRequiredAreTheOnesItsSchemaRequires(Class<? extends Record> type, JsonNode schema) {
        Set<String> requiredBySchema = new HashSet<>();
        schema.get("required").forEach(name -> requiredBySchema.add(name.asString()));

        assertThat(Arrays.stream(type.getRecordComponents())
                .filter(component -> component.getAccessor().isAnnotationPresent(Required.class))
                .map(component -> component.getName()))
                .containsExactlyInAnyOrderElementsOf(requiredBySchema);
    }

    @Test
    void aBoundViewEqualsTheViewReadWithItsSchemaCheck() {
        byte[] json = VIEWS.serializer().serialize("t", SampleEvents.VIEW);

        assertThat(VIEWS.bind(json)).isEqualTo(VIEWS.read(json)).isEqualTo(SampleEvents.VIEW);
    }

    @Test
    void aViewWithoutARequiredMemberIsRefusedNamingIt() {
        ObjectNode view = view();
        view.remove("workspaceId");

        assertRefusedNaming(view, "workspaceId");
    }

    @Test
    void aRequiredMemberThatIsNullIsRefusedNamingIt() {
        ObjectNode view = view();
        view.putNull("status");

        assertRefusedNaming(view, "status");
    }

    @Test
    void anEnvironmentWithoutARequiredMemberIsRefusedNamingIt() {
        ObjectNode view = view();
        ((ObjectNode) view.get("environments").get(0)).remove("lastTransitionTime");

        assertThatThrownBy(() -> bind(view)).isInstanceOf(SerializationException.class)
                .hasMessageContaining("lastTransitionTime");
    }

    @Test
    void anEnvironmentThatIsNullIsRefused() {
        ObjectNode view = view();
        ((ArrayNode) view.get("environments")).addNull();

        assertRefusedNaming(view, "environments");
    }

    @Test
    void anEmptyTimeIsRefusedRatherThanReadAsNoTime() {
        ObjectNode view = view();
        view.put("updatedAt", "");

        assertRefusedNaming(view, "updatedAt");
    }

    @Test
    void theJsonNullIsRefusedRatherThanReadAsADeletion() {
        assertThatThrownBy(() -> VIEWS.bind("null".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SerializationException.class).hasMessage("not a JSON object");
    }

    @Test
    void aMissingRequiredNumberIsRefusedRatherThanReadAsZero() {
        ObjectNode view = view();
        view.remove("version");

        assertRefusedNaming(view, "version");
    }

    @Test
    void anUnknownStatusIsRefused() {
        ObjectNode view = view();
        view.put("status", "exploded");

        assertRefusedNaming(view, "exploded");
    }

    @Test
    void bytesThatAreNoJsonObjectAreRefused() {
        assertThatThrownBy(() -> VIEWS.bind("[1]".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SerializationException.class).hasMessageStartingWith("cannot read ApplicationProvisioningView");
    }

    @Test
    void anAbsentOptionalMemberBindsAsNull() {
        ObjectNode view = view();
        view.remove("error");

        assertThat(bind(view).error()).isNull();
    }

    /** The trust binding rests on: patterns and lengths are the status view's checks, not the reader's. */
    @Test
    void aViewBreakingOnlyAPatternOfItsSchemaBindsAsWritten() {
        ObjectNode view = view();
        view.put("workspaceId", "Not A Workspace Id");

        assertThat(bind(view).workspaceId()).isEqualTo("Not A Workspace Id");
        assertThatThrownBy(() -> VIEWS.read(EventJson.MAPPER.writeValueAsBytes(view)))
                .isInstanceOf(SerializationException.class).hasMessageContaining("workspaceId");
    }

    private static void assertRefusedNaming(ObjectNode view, String naming) {
        assertThatThrownBy(() -> bind(view)).isInstanceOf(SerializationException.class).hasMessageContaining(naming);
    }

    private static ObjectNode view() {
        return (ObjectNode) EventJson.MAPPER.readTree(VIEWS.serializer().serialize("t", SampleEvents.VIEW));
    }

    private static ApplicationProvisioningView bind(ObjectNode view) {
        return VIEWS.bind(EventJson.MAPPER.writeValueAsBytes(view));
    }

    private static JsonNode viewSchema() {
        try (InputStream in = EventSchemas.class.getResourceAsStream(EventSchemas.resourcePath("ApplicationProvisioningView"))) {
            return EventJson.MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

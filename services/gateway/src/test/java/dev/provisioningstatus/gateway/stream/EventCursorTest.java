package dev.provisioningstatus.gateway.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provisioningstatus.gateway.view.ViewPosition;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EventCursorTest {

    private static final String TOPIC_ID = "c3RhdHVzLWxvZy10b3BpYw";
    private static final Instant ISSUED = Instant.parse("2026-12-06T01:00:00Z");

    @Test
    void aCursorSurvivesItsEncoding() {
        EventCursor cursor = new EventCursor(new ViewPosition(TOPIC_ID, new long[] {0, 42, Long.MAX_VALUE / 4096}),
                ISSUED);

        EventCursor parsed = EventCursor.parse(cursor.encode()).orElseThrow();

        assertThat(parsed.position()).isEqualTo(cursor.position());
        assertThat(parsed.issuedAt()).isEqualTo(ISSUED);
    }

    @Test
    void theEncodingUsesOnlyCharactersThatAreSafeInAnSseField() {
        String id = new EventCursor(new ViewPosition("AbC-_09zZyXwVuTsRqPoNm", new long[] {7, 123_456_789}), ISSUED)
                .encode();

        assertThat(id).matches("[0-9A-Za-z._-]+");
    }

    @Test
    void aCursorOfAnotherTopicKeepsItsTopicIdToBeRecognised() {
        String other = new EventCursor(new ViewPosition("b3RoZXItdG9waWMtaWQtMQ", new long[] {3}), ISSUED).encode();

        assertThat(EventCursor.parse(other)).hasValueSatisfying(cursor ->
                assertThat(cursor.position().topicId()).isNotEqualTo(TOPIC_ID));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "1.2.3", "c3RhdHVzLWxvZy10b3BpYw", "c3RhdHVzLWxvZy10b3BpYw.1",
            "c3RhdHVzLWxvZy10b3BpYw.1.2\r\nevent: x", "c3RhdHVzLWxvZy10b3BpYw.1.2\n", "c3RhdHVzLWxvZy10b3BpYw.1.-2",
            "c3RhdHVzLWxvZy10b3BpYw.1.2.", "c3RhdHVzLWxvZy10b3BpY.1.2", "c3RhdHVzLWxvZy10b3BpYw.1.ZZ",
            "c3RhdHVzLWxvZy10b3BpYw.1.zzzzzzzzzzzzz", "c3RhdHVz/G9nLXRvcGljw.1.2"})
    void anythingElseIsNoCursor(String id) {
        assertThat(EventCursor.parse(id)).isEmpty();
    }

    @Test
    void aCursorWithMorePartitionsThanAnyTopicHasIsNoCursor() {
        String tooLong = TOPIC_ID + ".1" + ".0".repeat(EventCursor.MAX_PARTITIONS + 1);

        assertThat(EventCursor.parse(tooLong)).isEmpty();
    }
}

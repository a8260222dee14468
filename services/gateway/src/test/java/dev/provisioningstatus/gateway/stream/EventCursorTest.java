package dev.provisioningstatus.gateway.stream;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EventCursorTest {

    @Test
    void aCursorSurvivesItsEncoding() {
        EventCursor cursor = new EventCursor(Long.MAX_VALUE, 123_456_789L, EventCursor.SUMMARY);

        assertThat(EventCursor.parse(cursor.encode())).contains(cursor);
    }

    @Test
    void theEncodingUsesOnlyCharactersThatAreSafeInAnSseField() {
        assertThat(new EventCursor(987_654_321L, 42, EventCursor.STATUS).encode()).matches("[0-9a-z.]+");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "1.2.3", "1.2.0", "1.2", "1.2.1\r\nevent: x", "-1.2.1", "1.2.1.4",
            "zzzzzzzzzzzzzz.1.1", "A.B.1"})
    void anythingElseIsNoCursor(String id) {
        assertThat(EventCursor.parse(id)).isEmpty();
    }
}

package dev.provisioningstatus.events;

import com.ethlo.time.ITU;
import java.time.DateTimeException;
import java.time.Instant;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.std.StdScalarDeserializer;
import tools.jackson.databind.ext.javatime.deser.InstantDeserializer;

/**
 * Reads the contract's times, RFC 3339 strings ({@code "format": "date-time"} in the schemas), with the RFC
 * 3339 parser json-schema-validator brings along: Jackson's ISO-8601 parsing took a quarter of the time the
 * gateway spent reading a view. What that parser takes, Jackson takes too, as the same instant; anything
 * else (a number, a space between date and time, which RFC 3339 allows and ISO 8601 does not, a leap
 * second) goes to Jackson's deserializer, so every input reads, or is refused, as before. Jackson's is
 * used as registered, not per property: the contract puts no {@code @JsonFormat} on a time.
 */
final class Rfc3339InstantDeserializer extends StdScalarDeserializer<Instant> {

    private static final int DATE_LENGTH = "2026-12-06".length();

    Rfc3339InstantDeserializer() {
        super(Instant.class);
    }

    @Override
    public Instant deserialize(JsonParser parser, DeserializationContext context) throws JacksonException {
        if (parser.currentToken() == JsonToken.VALUE_STRING) {
            String text = parser.getString();
            if (text.length() > DATE_LENGTH && text.charAt(DATE_LENGTH) != ' ') {
                try {
                    return ITU.parseDateTime(text).toInstant();
                } catch (DateTimeException notRfc3339) {
                    // Jackson's parser decides, and words the error if there is one.
                }
            }
        }
        return InstantDeserializer.INSTANT.deserialize(parser, context);
    }
}

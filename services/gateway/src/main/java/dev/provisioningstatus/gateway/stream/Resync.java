package dev.provisioningstatus.gateway.stream;

import com.fasterxml.jackson.annotation.JsonFormat;

/**
 * Data of a {@code resync} event: an empty object, the event's name says it all. The annotation
 * makes Jackson write a type without properties as {@code {}} instead of refusing it.
 */
@JsonFormat(shape = JsonFormat.Shape.OBJECT)
public record Resync() implements StreamEventData {
}

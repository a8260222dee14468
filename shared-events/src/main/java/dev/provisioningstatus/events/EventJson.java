package dev.provisioningstatus.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

/** The one JSON mapping of the contract: ISO-8601 times, absent instead of null, unknown fields ignored. */
public final class EventJson {

    /** Thread-safe and immutable; share it. */
    public static final JsonMapper MAPPER = JsonMapper.builder()
            .changeDefaultPropertyInclusion(inclusion -> inclusion.withValueInclusion(JsonInclude.Include.NON_NULL))
            .disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
            // Consumers tolerate fields added by newer producers; required fields are the schemas' job.
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            // Enums read from their ids only: an ordinal ("1") is no status, whether a schema checked it first or not.
            .enable(EnumFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            .addModule(new SimpleModule("contract-times").addDeserializer(Instant.class,
                    new Rfc3339InstantDeserializer()))
            .build();

    private EventJson() {
    }
}

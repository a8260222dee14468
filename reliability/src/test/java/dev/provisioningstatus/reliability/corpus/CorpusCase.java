package dev.provisioningstatus.reliability.corpus;

import dev.provisioningstatus.events.EventJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** One case of the bad-input corpus: where it is aimed, the input, and the documented answer. */
record CorpusCase(Kind kind, String name, JsonNode spec) {

    enum Kind { HTTP, EVENT }

    static final String HTTP_CASES = "/corpus/http-cases.json";
    static final String EVENT_CASES = "/corpus/event-cases.json";

    static List<CorpusCase> all() {
        List<CorpusCase> cases = new ArrayList<>();
        cases.addAll(read(HTTP_CASES, Kind.HTTP));
        cases.addAll(read(EVENT_CASES, Kind.EVENT));
        return cases;
    }

    private static List<CorpusCase> read(String resource, Kind kind) {
        try (InputStream in = CorpusCase.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing corpus file " + resource);
            }
            List<CorpusCase> cases = new ArrayList<>();
            for (JsonNode spec : EventJson.MAPPER.readTree(in).required("cases")) {
                cases.add(new CorpusCase(kind, spec.required("name").asString(), spec));
            }
            return cases;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return kind.name().toLowerCase() + ": " + name;
    }
}

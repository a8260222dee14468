package dev.provisioningstatus.benchmarks.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One benchmark's results: its parameters, tables (each row a measurement beside its baseline), notes. */
public final class Section {

    /** A table with a header and rows of text cells. */
    public record Table(String title, List<String> header, List<List<String>> rows) {
    }

    private final String name;
    private final String title;
    private final Map<String, Object> parameters = new LinkedHashMap<>();
    private final List<Table> tables = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final Map<String, Object> figures = new LinkedHashMap<>();

    public Section(String name, String title) {
        this.name = name;
        this.title = title;
    }

    public String name() {
        return name;
    }

    public String title() {
        return title;
    }

    public Section parameter(String key, Object value) {
        parameters.put(key, value);
        return this;
    }

    public Section table(Table table) {
        tables.add(table);
        return this;
    }

    public Section note(String text) {
        notes.add(text);
        return this;
    }

    /** A machine-readable figure for the JSON results. */
    public Section figure(String key, Object value) {
        figures.put(key, value);
        return this;
    }

    public Map<String, Object> parameters() {
        return parameters;
    }

    public List<Table> tables() {
        return tables;
    }

    public List<String> notes() {
        return notes;
    }

    public Map<String, Object> figures() {
        return figures;
    }
}

package dev.provisioningstatus.benchmarks.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** Prints each section as it completes and writes the run's figures as Markdown and JSON. */
public final class Results {

    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private final Path directory;
    private final String command;
    private final Instant started = Instant.now();
    private final List<Section> sections = new ArrayList<>();

    public Results(Path directory, String command) {
        this.directory = directory;
        this.command = command;
    }

    public void add(Section section) {
        sections.add(section);
        System.out.println();
        System.out.println(markdown(section));
        System.out.flush();
    }

    public void write(Machine machine) {
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("started", started.toString());
        run.put("finished", Instant.now().toString());
        run.put("command", command);
        run.put("machine", machine.describe());
        run.put("load", machine.load());
        Map<String, Object> benchmarks = new LinkedHashMap<>();
        for (Section section : sections) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("title", section.title());
            entry.put("parameters", section.parameters());
            entry.put("figures", section.figures());
            entry.put("notes", section.notes());
            benchmarks.put(section.name(), entry);
        }
        run.put("benchmarks", benchmarks);

        StringBuilder md = new StringBuilder("# Benchmark results\n\n");
        md.append("- command: `").append(command).append("`\n");
        md.append("- started: ").append(started).append(", finished: ").append(run.get("finished")).append('\n');
        machine.describe().forEach((key, value) -> md.append("- ").append(key).append(": ").append(value).append('\n'));
        machine.load().forEach((key, value) -> md.append("- ").append(key).append(": ").append(value).append('\n'));
        for (Section section : sections) {
            md.append('\n').append(markdown(section));
        }
        try {
            Files.createDirectories(directory);
            Files.writeString(directory.resolve("latest.md"), md);
            Files.writeString(directory.resolve("latest.json"), JSON.writeValueAsString(run));
            for (Section section : sections) {
                Files.writeString(directory.resolve(section.name() + ".md"), "<!-- " + command + " -->\n"
                        + markdown(section));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.out.println("\nResults written to " + directory.resolve("latest.md") + " and latest.json");
    }

    public static String markdown(Section section) {
        StringBuilder md = new StringBuilder("## ").append(section.title()).append("\n\n");
        if (!section.parameters().isEmpty()) {
            md.append("Parameters: ");
            List<String> parts = new ArrayList<>();
            section.parameters().forEach((key, value) -> parts.add("`" + key + "=" + value + "`"));
            md.append(String.join(", ", parts)).append("\n\n");
        }
        for (Section.Table table : section.tables()) {
            if (table.title() != null) {
                md.append("**").append(table.title()).append("**\n\n");
            }
            md.append("| ").append(String.join(" | ", table.header())).append(" |\n");
            md.append("|").append("---|".repeat(table.header().size())).append('\n');
            for (List<String> row : table.rows()) {
                md.append("| ").append(String.join(" | ", row)).append(" |\n");
            }
            md.append('\n');
        }
        for (String note : section.notes()) {
            md.append("- ").append(note).append('\n');
        }
        return md.toString();
    }
}

package dev.provisioningstatus.benchmarks;

import dev.provisioningstatus.benchmarks.e2e.EndToEndLatencyBenchmark;
import dev.provisioningstatus.benchmarks.fanout.FanOutBenchmark;
import dev.provisioningstatus.benchmarks.fold.FoldThroughputBenchmark;
import dev.provisioningstatus.benchmarks.query.QueryCostBenchmark;
import dev.provisioningstatus.benchmarks.report.Machine;
import dev.provisioningstatus.benchmarks.report.Results;
import dev.provisioningstatus.benchmarks.report.Section;
import dev.provisioningstatus.benchmarks.retry.RetryLatencyBenchmark;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code BenchmarkRunner [all|e2e|fold|fanout|query|retry …] [--name=value …]}: runs the chosen
 * benchmarks one after the other (each on its own fresh broker and services), prints each table
 * as it completes and writes the figures to {@code results/latest.md} and {@code latest.json}.
 */
public final class BenchmarkRunner {

    private static final Map<String, Benchmark> BENCHMARKS = new LinkedHashMap<>();

    static {
        for (Benchmark benchmark : List.of(new EndToEndLatencyBenchmark(), new FoldThroughputBenchmark(),
                new FanOutBenchmark(), new QueryCostBenchmark(), new RetryLatencyBenchmark())) {
            BENCHMARKS.put(benchmark.name(), benchmark);
        }
    }

    private BenchmarkRunner() {
    }

    public static void main(String[] args) {
        List<String> names = new ArrayList<>();
        List<String> optionArgs = new ArrayList<>();
        for (String arg : args) {
            (arg.startsWith("--") ? optionArgs : names).add(arg);
        }
        if (names.isEmpty() || names.contains("all")) {
            names = new ArrayList<>(BENCHMARKS.keySet());
        }
        for (String name : names) {
            if (!BENCHMARKS.containsKey(name)) {
                System.err.println("unknown benchmark '" + name + "'; choose from all, " + String.join(", ", BENCHMARKS.keySet()));
                System.exit(2);
            }
        }
        Options options = Options.parse(optionArgs);
        Path workDirectory = Path.of(options.text("work-dir", "target/work")).toAbsolutePath();
        Path resultsDirectory = Path.of(options.text("results-dir", "results")).toAbsolutePath();
        Context context = new Context(options, workDirectory);
        Results results = new Results(resultsDirectory, "benchmarks/run " + String.join(" ", args));
        int failures = 0;
        try (Machine machine = new Machine()) {
            System.out.println("Machine: " + machine.describe() + "; load " + Machine.loadAverage());
            for (String name : names) {
                System.out.println("\n=== " + name + " (load " + Machine.loadAverage() + ")");
                long started = System.nanoTime();
                try {
                    Section section = BENCHMARKS.get(name).run(context);
                    section.parameter("took_s", (System.nanoTime() - started) / 1_000_000_000L);
                    section.parameter("load_after", Machine.loadAverage());
                    results.add(section);
                } catch (Exception | AssertionError e) {
                    failures++;
                    System.err.println(name + " failed: " + e);
                    e.printStackTrace();
                    results.add(new Section(name, name + " — FAILED").note("failed: " + e));
                }
            }
            results.write(machine);
        }
        if (!options.unused().isEmpty()) {
            System.err.println("Options nobody read (typos?): " + options.unused());
        }
        System.exit(failures == 0 ? 0 : 1);
    }
}

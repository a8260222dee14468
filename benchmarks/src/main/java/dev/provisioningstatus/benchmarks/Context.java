package dev.provisioningstatus.benchmarks;

import dev.provisioningstatus.benchmarks.lab.Lab;
import dev.provisioningstatus.devstack.demo.DemoTokens;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** What every benchmark gets: its options, where to work, and tokens the gateways accept. */
public final class Context {

    private final Options options;
    private final Path workDirectory;
    private final DemoTokens tokens = new DemoTokens(DemoTokens.randomSecret());

    Context(Options options, Path workDirectory) {
        this.options = options;
        this.workDirectory = workDirectory;
    }

    public Options options() {
        return options;
    }

    public DemoTokens tokens() {
        return tokens;
    }

    public Lab lab(String name) {
        return Lab.open(workDirectory, name);
    }

    /**
     * JVM options of one service in one benchmark: {@code --<service>-jvm="…"} overrides the default;
     * {@code --jfr=<service>[,<service>…]} adds a JFR recording (profile settings) written next to the lab's logs.
     */
    public List<String> jvmOptions(Lab lab, String service, String defaults) {
        List<String> jvm = new ArrayList<>(Arrays.asList(options.text(service + "-jvm", defaults).trim().split("\\s+")));
        jvm.removeIf(String::isEmpty);
        if (Arrays.asList(options.text("jfr", "").split(",")).contains(service)) {
            Path recording = lab.directory().resolve(service + ".jfr");
            jvm.add("-XX:StartFlightRecording=filename=" + recording + ",settings=profile,dumponexit=true");
            System.out.println("  JFR recording of " + service + " → " + recording);
        }
        return jvm;
    }
}

package dev.provisioningstatus.benchmarks;

import dev.provisioningstatus.benchmarks.lab.Lab;
import dev.provisioningstatus.devstack.demo.DemoTokens;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** What every benchmark gets: its options, where to work, and tokens the gateways accept. */
public final class Context {

    private static final String STATUS_VIEW_JVM = "-Xmx512m";

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

    /** The status view's JVM options: {@code --status-view-jvm}, or a heap of 512 MiB. */
    public List<String> statusViewJvmOptions(Lab lab) {
        return jvmOptions(lab, "status-view", STATUS_VIEW_JVM);
    }

    /** The Kafka Streams pass-through's: {@code --pass-through-jvm}, or the status view's, as its baseline. */
    public List<String> passThroughJvmOptions(Lab lab) {
        return jvmOptions(lab, "pass-through", options.text("status-view-jvm", STATUS_VIEW_JVM));
    }

    /** The fan-out floor's server's: {@code --floor-jvm}, or the gateway's, as the gateway's baseline. */
    public List<String> floorJvmOptions(Lab lab, String gatewayDefaults) {
        return jvmOptions(lab, "floor", options.text("gateway-jvm", gatewayDefaults));
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

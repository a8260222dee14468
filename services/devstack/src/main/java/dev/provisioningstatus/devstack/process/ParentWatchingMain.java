package dev.provisioningstatus.devstack.process;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Optional;

/**
 * Entry point of every child JVM: {@code ParentWatchingMain <parentPid> <mainClass> [args…]}.
 * It exits (running the child's shutdown hooks) as soon as the devstack process is gone, so even a
 * {@code kill -9} of the devstack leaves no process or port behind.
 */
public final class ParentWatchingMain {

    private ParentWatchingMain() {
    }

    public static void main(String[] args) throws Exception {
        long parentPid = Long.parseLong(args[0]);
        Optional<ProcessHandle> parent = ProcessHandle.of(parentPid);
        if (parent.isEmpty()) {
            System.exit(0);
        }
        parent.get().onExit().thenRun(() -> System.exit(0));
        Method main = Class.forName(args[1]).getMethod("main", String[].class);
        main.invoke(null, (Object) Arrays.copyOfRange(args, 2, args.length));
    }
}

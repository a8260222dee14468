package dev.provisioningstatus.devstack.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

/** Loopback port helpers. */
public final class Ports {

    private static final int LOWEST_UNPRIVILEGED_CHOICE = 20000;

    private Ports() {
    }

    public static int free() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A free loopback port below the kernel's ephemeral range: the kernel never hands it out to a
     * socket bound to port 0 or to an outgoing connection, so a port left closed stays closed.
     */
    public static int freeBelowEphemeralRange() {
        int end = ephemeralRangeStart();
        for (int attempt = 0; attempt < 500; attempt++) {
            int port = LOWEST_UNPRIVILEGED_CHOICE + ThreadLocalRandom.current().nextInt(end - LOWEST_UNPRIVILEGED_CHOICE);
            try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                return socket.getLocalPort();
            } catch (IOException taken) {
                // taken: try another
            }
        }
        throw new IllegalStateException("no free port between " + LOWEST_UNPRIVILEGED_CHOICE + " and " + end);
    }

    /** Linux's {@code ip_local_port_range}; elsewhere 32768, below every common default. */
    static int ephemeralRangeStart() {
        try {
            String range = Files.readString(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).trim();
            int start = Integer.parseInt(range.split("\\s+")[0]);
            return start > LOWEST_UNPRIVILEGED_CHOICE + 1000 ? start : 32768;
        } catch (IOException | RuntimeException unknown) {
            return 32768;
        }
    }

    public static boolean isListening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    public static void requireFree(int port, String what) {
        if (isListening(port)) {
            throw new IllegalStateException("port " + port + " (" + what + ") is already in use on 127.0.0.1");
        }
    }

    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

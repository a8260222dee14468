package dev.provisioningstatus.devstack.process;

import io.temporal.testserver.TestServer;

/**
 * The Temporal SDK's test service on a free loopback port. A port found free can be taken before the
 * service binds it (free ports come from the ephemeral range, which every outgoing connection on the
 * machine draws from too), so a bind that fails is tried again on another free port, a bounded number
 * of times.
 */
public final class TemporalTestService implements AutoCloseable {

    private static final int BIND_ATTEMPTS = 5;

    private final TestServer.PortBoundTestServer server;
    private final int port;

    private TemporalTestService(TestServer.PortBoundTestServer server, int port) {
        this.server = server;
        this.port = port;
    }

    public static TemporalTestService start() {
        RuntimeException lastFailure = null;
        for (int attempt = 1; attempt <= BIND_ATTEMPTS; attempt++) {
            int port = Ports.free();
            try {
                return new TemporalTestService(TestServer.createPortBoundServer(port), port);
            } catch (RuntimeException e) {
                lastFailure = e;
            }
        }
        throw new IllegalStateException("the Temporal test service could not bind a free port in "
                + BIND_ATTEMPTS + " attempts", lastFailure);
    }

    public int port() {
        return port;
    }

    /** The gRPC target a Temporal client connects to. */
    public String target() {
        return "127.0.0.1:" + port;
    }

    @Override
    public void close() {
        server.close();
    }
}

package dev.provisioningstatus.devstack.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class PortsTest {

    @Test
    void aPortBelowTheEphemeralRangeIsOneTheKernelWouldNotHandOut() {
        assertThat(Ports.freeBelowEphemeralRange()).isLessThan(Ports.ephemeralRangeStart());
    }

    @Test
    void aPortBelowTheEphemeralRangeIsFree() throws IOException {
        int port = Ports.freeBelowEphemeralRange();

        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            assertThat(socket.getLocalPort()).isEqualTo(port);
        }
    }
}

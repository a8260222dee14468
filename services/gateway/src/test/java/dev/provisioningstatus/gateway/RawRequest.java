package dev.provisioningstatus.gateway;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A GET with a request target exactly as given, over a plain socket to this machine: HTTP
 * clients refuse to send targets that are not valid URIs, and some tests are about those.
 */
public final class RawRequest {

    private RawRequest() {
    }

    /** The status the gateway on {@code port} answers; {@code bearerToken} may be {@code null}. */
    public static int status(int port, String requestTarget, String bearerToken) {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(20_000);
            String request = "GET " + requestTarget + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n"
                    + (bearerToken == null ? "" : "Authorization: Bearer " + bearerToken + "\r\n")
                    + "Accept: text/event-stream\r\nConnection: close\r\n\r\n";
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String statusLine = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII)).readLine();
            if (statusLine == null) {
                throw new IllegalStateException("the connection closed without an answer to " + requestTarget);
            }
            return Integer.parseInt(statusLine.split(" ")[1]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

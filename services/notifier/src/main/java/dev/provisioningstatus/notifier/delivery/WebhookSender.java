package dev.provisioningstatus.notifier.delivery;

import dev.provisioningstatus.events.CheckedWebhookAddress;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.util.Timeout;

/**
 * POSTs one webhook and says how it went. Short timeouts; no redirect followed (a 3xx is a failure); at
 * most {@code maxResponseBytes} of an answer read; at most {@code perEndpointConcurrency} connections to one
 * endpoint. It connects to exactly the addresses the address policy checked for the URL
 * ({@link CheckedAddressResolver}): a host name is never looked up a second time.
 */
public final class WebhookSender implements Closeable {

    private final ThreadLocal<CheckedWebhookAddress> checked = new ThreadLocal<>();
    private final CloseableHttpClient client;
    private final int maxResponseBytes;

    public WebhookSender(DeliveryProperties properties) {
        PoolingHttpClientConnectionManager connections = PoolingHttpClientConnectionManagerBuilder.create()
                .setDnsResolver(new CheckedAddressResolver(checked::get))
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.of(properties.connectTimeout()))
                        .setSocketTimeout(Timeout.of(properties.responseTimeout()))
                        .build())
                .setMaxConnPerRoute(properties.perEndpointConcurrency())
                .setMaxConnTotal(properties.maxConnections())
                .build();
        this.client = HttpClients.custom()
                .setConnectionManager(connections)
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setResponseTimeout(Timeout.of(properties.responseTimeout()))
                        .setRedirectsEnabled(false)
                        .build())
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                .setUserAgent("provisioning-status-notifier")
                .build();
        this.maxResponseBytes = properties.maxResponseBytes();
    }

    public AttemptResult post(CheckedWebhookAddress address, Map<String, String> headers, byte[] body) {
        checked.set(address);
        try {
            return post(address, new HttpPost(address.uri()), headers, body);
        } finally {
            checked.remove();
        }
    }

    private AttemptResult post(CheckedWebhookAddress address, HttpPost post, Map<String, String> headers,
            byte[] body) {
        long started = System.nanoTime();
        headers.forEach(post::setHeader);
        post.setEntity(new ByteArrayEntity(body, ContentType.create(WebhookEvent.CONTENT_TYPE, StandardCharsets.UTF_8)));
        ClassicHttpResponse response;
        try {
            response = client.executeOpen(null, post, null);
        } catch (IOException failed) {
            return AttemptResult.failed(elapsedMs(started), describe(failed, address.host()));
        }
        try {
            String answer = readCapped(response.getEntity(), post);
            return AttemptResult.answered(response.getCode(), elapsedMs(started), answer);
        } catch (IOException failed) {
            return AttemptResult.failed(elapsedMs(started), describe(failed, address.host()));
        } finally {
            closeQuietly(response);
        }
    }

    private static String describe(IOException failure, String host) {
        if (failure instanceof UnknownHostException) {
            return "unknown host " + host;
        }
        if (failure instanceof ConnectTimeoutException) {
            return "connect timed out";
        }
        if (failure instanceof SocketTimeoutException) {
            return "timed out waiting for the answer";
        }
        if (failure instanceof ConnectException) {
            return "connection refused";
        }
        return "I/O error: " + failure.getClass().getSimpleName();
    }

    /**
     * Reads at most the cap. A longer answer is cut off with its connection: closing the stream first
     * would read the rest of it.
     */
    private String readCapped(HttpEntity entity, HttpPost post) throws IOException {
        if (entity == null) {
            return "";
        }
        InputStream in = entity.getContent();
        byte[] head = in.readNBytes(maxResponseBytes);
        if (in.read() != -1) {
            post.cancel();
        }
        return new String(head, StandardCharsets.UTF_8);
    }

    /** After a cut-off answer the connection is gone, and closing may complain about it: nothing to do then. */
    private static void closeQuietly(ClassicHttpResponse response) {
        try {
            response.close();
        } catch (IOException alreadyClosed) {
            // the connection was discarded either way
        }
    }

    private static long elapsedMs(long startedNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
    }

    @Override
    public void close() throws IOException {
        client.close();
    }
}

package dev.provisioningstatus.benchmarks.fanout;

import dev.provisioningstatus.benchmarks.lab.Lab;
import dev.provisioningstatus.benchmarks.lab.Pause;
import dev.provisioningstatus.devstack.process.ChildJvm;
import dev.provisioningstatus.devstack.process.Ports;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import reactor.netty.resources.LoopResources;

/**
 * The fan-out benchmark's floor: a bare Netty HTTP server on the event loops Reactor Netty would give it
 * (the gateway's: its native transport, as many loops), holding SSE streams and writing one block of bytes to
 * all of them when asked. No Kafka, no index, no rendering, no Reactor, no Spring: each event loop writes
 * the same buffer to its own streams in one task per change (the gateway, too, hands each event loop one task
 * per change, but writes each subscriber's copy through Reactor Netty's publisher). What one broadcast takes
 * here is what delivering those bytes to as many loopback sockets costs on this machine, with the same driver
 * reading them; the gateway's figures stand beside it in the same run.
 *
 * <p>{@code GET /stream} answers a chunked {@code text/event-stream} that starts with a {@code snapshot}
 * event. {@code POST /broadcast} hands its body, an SSE event as it is, to every event loop to write to its
 * streams, then answers 204. Anything else gets 404.
 */
public final class BareBroadcastServer implements AutoCloseable {

    /** Written to its output once it listens. */
    static final String LISTENING = "bare broadcast server listening";
    private static final byte[] SNAPSHOT = "event:snapshot\ndata:{}\n\n".getBytes(StandardCharsets.US_ASCII);

    private final LoopResources loops = LoopResources.create("bare-broadcast");
    private final Channel server;
    /** Each event loop's streams, touched only on that loop. */
    private final Map<EventLoop, Set<Channel>> streams = new ConcurrentHashMap<>();

    public BareBroadcastServer(InetSocketAddress address) throws InterruptedException {
        try {
            this.server = bind(address);
        } catch (InterruptedException | RuntimeException e) {
            loops.dispose();
            throw e;
        }
    }

    private Channel bind(InetSocketAddress address) throws InterruptedException {
        return new ServerBootstrap().group(loops.onServerSelect(true), loops.onServer(true))
                .channel(loops.onChannelClass(ServerSocketChannel.class, loops.onServer(true)))
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel socket) {
                        socket.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(1 << 20),
                                new Requests());
                    }
                })
                .bind(address).sync().channel();
    }

    public int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    /** Streams open now, on every event loop. */
    int streams() {
        int open = 0;
        for (Map.Entry<EventLoop, Set<Channel>> loop : streams.entrySet()) {
            open += loop.getKey().submit(() -> loop.getValue().size()).syncUninterruptibly().getNow();
        }
        return open;
    }

    @Override
    public void close() {
        server.close().syncUninterruptibly();
        loops.disposeLater(Duration.ZERO, Duration.ofSeconds(1)).block();
    }

    /** One task per event loop; the buffer is direct, so no write copies it. */
    private void broadcast(ByteBuf event) {
        streams.forEach((loop, open) -> {
            event.retain();
            try {
                loop.execute(() -> {
                    try {
                        for (Channel stream : open) {
                            stream.writeAndFlush(event.retainedDuplicate(), stream.voidPromise());
                        }
                    } finally {
                        event.release();
                    }
                });
            } catch (RejectedExecutionException shuttingDown) {
                event.release();
            }
        });
        event.release();
    }

    private final class Requests extends SimpleChannelInboundHandler<FullHttpRequest> {

        @Override
        protected void channelRead0(ChannelHandlerContext context, FullHttpRequest request) {
            String path = request.uri();
            if (request.method().equals(HttpMethod.GET) && path.equals("/stream")) {
                openStream(context.channel());
            } else if (request.method().equals(HttpMethod.POST) && path.equals("/broadcast")) {
                broadcast(Unpooled.directBuffer(request.content().readableBytes()).writeBytes(request.content()));
                answer(context.channel(), HttpResponseStatus.NO_CONTENT, HttpUtil.isKeepAlive(request));
            } else {
                answer(context.channel(), HttpResponseStatus.NOT_FOUND, false);
            }
        }

        private void openStream(Channel stream) {
            HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
            head.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/event-stream")
                    .set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_CACHE);
            HttpUtil.setTransferEncodingChunked(head, true);
            EventLoop loop = stream.eventLoop();
            Set<Channel> own = streams.computeIfAbsent(loop, any -> new LinkedHashSet<>());
            own.add(stream);
            // Removed in a task of its own: a stream whose write fails closes while its loop's broadcast goes
            // through the set, which must not change under it.
            stream.closeFuture().addListener(closed -> {
                if (!loop.isShuttingDown()) {
                    loop.execute(() -> own.remove(stream));
                }
            });
            stream.write(head);
            stream.writeAndFlush(Unpooled.wrappedBuffer(SNAPSHOT));
        }

        private void answer(Channel channel, HttpResponseStatus status, boolean keepAlive) {
            DefaultFullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status);
            HttpUtil.setContentLength(response, 0);
            HttpUtil.setKeepAlive(response, keepAlive);
            channel.writeAndFlush(response).addListener(keepAlive ? ChannelFutureListener.CLOSE_ON_FAILURE
                    : ChannelFutureListener.CLOSE);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
            context.close();
        }
    }

    /**
     * Starts one in a JVM of its own on a free loopback port, with {@code jvmOptions} (the gateway's, for a
     * fair floor); returns once it listens.
     */
    static Running start(Lab lab, List<String> jvmOptions) {
        int port = Ports.free();
        ChildJvm child = ChildJvm.start(ChildJvm.Launch.of("bare-broadcast", BareBroadcastServer.class.getName(),
                jvmOptions, List.of(Integer.toString(port)), lab.directory().resolve("logs/bare-broadcast.log"))
                .withClasspathEntry(Lab.benchmarkClasses()));
        try {
            Pause.until(() -> child.logContains(LISTENING), Duration.ofMinutes(1),
                    () -> "the bare broadcast server to listen: see " + child.log());
            return new Running(child, "http://127.0.0.1:" + port);
        } catch (RuntimeException e) {
            child.close();
            throw e;
        }
    }

    /** One started by {@link #start}. */
    record Running(ChildJvm process, String baseUrl) implements AutoCloseable {
        @Override
        public void close() {
            process.close();
        }
    }

    /** Argument: the loopback port to listen on. */
    public static void main(String[] args) throws InterruptedException {
        BareBroadcastServer server = new BareBroadcastServer(new InetSocketAddress("127.0.0.1", Integer.parseInt(args[0])));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }));
        System.out.println(LISTENING + " on " + server.port());
        stopped.await();
    }
}

package dev.provisioningstatus.gateway.stream;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Closes a connection whose pending bytes have not moved for the stalled-write timeout: a client
 * that stopped reading (a frozen tab, a stalled proxy). A slow client that still reads is never
 * cut, since every byte the socket takes counts as progress, and an idle connection with nothing
 * to send is left alone.
 */
final class StalledWriteHandler extends IdleStateHandler {

    StalledWriteHandler(Duration timeout) {
        // observeOutput: progress of a write already under way counts as activity, not only new writes.
        super(true, 0, timeout.toMillis(), 0, TimeUnit.MILLISECONDS);
    }

    @Override
    protected void channelIdle(ChannelHandlerContext context, IdleStateEvent event) {
        ChannelOutboundBuffer pending = context.channel().unsafe().outboundBuffer();
        if (event.state() == IdleState.WRITER_IDLE && pending != null && pending.totalPendingWriteBytes() > 0) {
            context.close();
        }
    }
}

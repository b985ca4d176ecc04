package dev.twilight.gamestream.nvhttp;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes a connection whose request has not fully arrived within the deadline, so a silent client, or one
 * sending a byte a second, holds nothing for long. Goes after the decoder that hands on whole requests (nvhttp's
 * aggregator, RTSP's message decoder); the time a parked answer waits afterwards is not limited here.
 */
public final class RequestDeadlineHandler extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(RequestDeadlineHandler.class);

    private final long deadlineMillis;
    private final Class<?> requestType;
    private ScheduledFuture<?> deadline;

    /** @param requestType what the decoder before this handler hands on once a whole request has arrived */
    public RequestDeadlineHandler(long deadlineMillis, Class<?> requestType) {
        this.deadlineMillis = deadlineMillis;
        this.requestType = requestType;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        deadline = ctx.executor().schedule(() -> {
            LOG.debug("Closing {}: no complete request within {} ms", ctx.channel().remoteAddress(), deadlineMillis);
            ctx.close();
        }, deadlineMillis, TimeUnit.MILLISECONDS);
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
        if (requestType.isInstance(message)) {
            cancel();
        }
        ctx.fireChannelRead(message);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        cancel();
        ctx.fireChannelInactive();
    }

    private void cancel() {
        if (deadline != null) {
            deadline.cancel(false);
        }
    }
}

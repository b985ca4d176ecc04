package dev.twilight.gamestream.rtsp;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers the connection's one request on the request executor (never on the event loop), writes the answer
 * and closes, which is how clients know the answer is complete.
 */
final class RtspConnectionHandler extends SimpleChannelInboundHandler<RtspFrame> {

    private static final Logger LOG = LoggerFactory.getLogger(RtspConnectionHandler.class);

    private final RtspResponder responder;
    private final Executor executor;

    RtspConnectionHandler(RtspResponder responder, Executor executor) {
        this.responder = responder;
        this.executor = executor;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, RtspFrame frame) {
        InetAddress remote = ((InetSocketAddress) ctx.channel().remoteAddress()).getAddress();
        try {
            executor.execute(() -> answer(ctx, frame, remote));
        } catch (RejectedExecutionException e) {
            LOG.warn("Too many RTSP requests at once; closed the connection from {}", remote.getHostAddress());
            ctx.close();
        }
    }

    private void answer(ChannelHandlerContext ctx, RtspFrame frame, InetAddress remote) {
        Optional<byte[]> reply;
        try {
            reply = responder.respond(frame, remote);
        } catch (RuntimeException e) {
            LOG.error("RTSP request from {} failed", remote.getHostAddress(), e);
            reply = Optional.empty();
        }
        if (reply.isPresent()) {
            ctx.writeAndFlush(Unpooled.wrappedBuffer(reply.get())).addListener(ChannelFutureListener.CLOSE);
        } else {
            ctx.close();
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("RTSP connection with {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }
}

package dev.twilight.gamestream.rtsp;

import dev.twilight.gamestream.nvhttp.RequestDeadlineHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import java.util.concurrent.Executor;

/** The pipeline of one RTSP connection: message decoder → request deadline → handler. */
final class RtspChannelInitializer extends ChannelInitializer<SocketChannel> {

    /** Far above the 1-2 KB an ANNOUNCE takes. */
    static final int MAX_REQUEST_BYTES = 64 * 1024;

    private final RtspResponder responder;
    private final Executor executor;
    private final long requestDeadlineMillis;

    RtspChannelInitializer(RtspResponder responder, Executor executor, long requestDeadlineMillis) {
        this.responder = responder;
        this.executor = executor;
        this.requestDeadlineMillis = requestDeadlineMillis;
    }

    @Override
    protected void initChannel(SocketChannel channel) {
        channel.pipeline()
                .addLast("decode", new RtspMessageDecoder(MAX_REQUEST_BYTES))
                .addLast("deadline", new RequestDeadlineHandler(requestDeadlineMillis, RtspFrame.class))
                .addLast("rtsp", new RtspConnectionHandler(responder, executor));
    }
}

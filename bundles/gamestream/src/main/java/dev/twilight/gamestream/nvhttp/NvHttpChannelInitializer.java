package dev.twilight.gamestream.nvhttp;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.ssl.SslHandler;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;
import javax.net.ssl.SSLContext;

/** The pipeline of one nvhttp port: [TLS] → HTTP codec → aggregator → request deadline → request handler. */
final class NvHttpChannelInitializer extends ChannelInitializer<SocketChannel> {

    /** A request line holds at most a client certificate in hex (about 2.5 KB for RSA-2048). */
    private static final int MAX_LINE = 8192;
    private static final int MAX_HEADERS = 8192;
    /** GETs carry no body; anything bigger is refused. */
    private static final int MAX_CONTENT = 16 * 1024;

    private final SSLContext tls;
    private final Function<NvHttpRequest, CompletableFuture<NvHttpReply>> dispatcher;
    private final Executor executor;
    private final long requestDeadlineMillis;

    /** @param tls the HTTPS port's context; null for the plain HTTP port */
    NvHttpChannelInitializer(SSLContext tls, Function<NvHttpRequest, CompletableFuture<NvHttpReply>> dispatcher,
                             Executor executor, long requestDeadlineMillis) {
        this.tls = tls;
        this.dispatcher = dispatcher;
        this.executor = executor;
        this.requestDeadlineMillis = requestDeadlineMillis;
    }

    @Override
    protected void initChannel(SocketChannel channel) {
        ChannelPipeline pipeline = channel.pipeline();
        if (tls != null) {
            pipeline.addLast("tls", new SslHandler(ServerTls.serverEngine(tls)));
        }
        pipeline.addLast("http", new HttpServerCodec(new HttpDecoderConfig()
                .setMaxInitialLineLength(MAX_LINE).setMaxHeaderSize(MAX_HEADERS)));
        pipeline.addLast("aggregate", new RequestAggregator(MAX_CONTENT));
        pipeline.addLast("deadline", new RequestDeadlineHandler(requestDeadlineMillis, FullHttpRequest.class));
        pipeline.addLast("nvhttp", new NvHttpRequestHandler(tls != null, dispatcher, executor));
    }
}

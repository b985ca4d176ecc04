package dev.twilight.gamestream.nvhttp;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.ssl.SslHandler;
import java.net.InetSocketAddress;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the connection's one request into an {@link NvHttpRequest}, hands it to the dispatcher on the request
 * executor (never working on the event loop), writes the answer with HTTP status 200 and closes. Whatever the
 * answer waits for (a PIN, a quitting app), no thread waits with it.
 */
final class NvHttpRequestHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    private static final Logger LOG = LoggerFactory.getLogger(NvHttpRequestHandler.class);

    private final boolean secure;
    private final Function<NvHttpRequest, CompletableFuture<NvHttpReply>> dispatcher;
    private final Executor executor;
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private boolean answered;

    NvHttpRequestHandler(boolean secure, Function<NvHttpRequest, CompletableFuture<NvHttpReply>> dispatcher,
                         Executor executor) {
        this.secure = secure;
        this.dispatcher = dispatcher;
        this.executor = executor;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        ctx.channel().closeFuture().addListener(future -> closed.complete(null));
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        if (answered) {
            return; // one request per connection, as GameStream clients use it
        }
        answered = true;
        if (request.decoderResult().isFailure()) {
            Throwable cause = request.decoderResult().cause();
            LOG.debug("Malformed request from {}: {}", ctx.channel().remoteAddress(), cause.toString());
            write(ctx, XmlReply.status(400, "malformed HTTP request: " + cause.getMessage()).reply());
            return;
        }
        if (!HttpMethod.GET.equals(request.method())) {
            write(ctx, XmlReply.status(405, "only GET is served, not " + request.method()).reply());
            return;
        }
        String path;
        Map<String, String> query = new HashMap<>();
        try {
            QueryStringDecoder decoder = new QueryStringDecoder(request.uri());
            path = decoder.path();
            decoder.parameters().forEach((name, values) -> query.put(name, values.get(0)));
        } catch (IllegalArgumentException e) {
            write(ctx, XmlReply.status(400, "malformed query: " + e.getMessage()).reply());
            return;
        }
        X509Certificate certificate = secure ? peerCertificate(ctx) : null;
        if (secure && certificate == null) {
            write(ctx, XmlReply.status(401, "no client certificate was presented: pair the client first")
                    .attribute("query", path).reply());
            return;
        }
        NvHttpRequest nvhttp = new NvHttpRequest(path, Map.copyOf(query), secure,
                (InetSocketAddress) ctx.channel().localAddress(), (InetSocketAddress) ctx.channel().remoteAddress(),
                certificate, closed);
        LOG.debug("{} {} from {}", secure ? "HTTPS" : "HTTP", nvhttp.path(), nvhttp.remoteAddress());
        CompletableFuture<NvHttpReply> reply;
        try {
            reply = CompletableFuture.supplyAsync(() -> dispatcher.apply(nvhttp), executor).thenCompose(answer -> answer);
        } catch (RejectedExecutionException e) {
            LOG.warn("Too many requests at once; refused {} from {}", nvhttp.path(), nvhttp.remoteAddress());
            write(ctx, XmlReply.status(503, "the host is busy with other requests: try again in a moment").reply());
            return;
        }
        reply.whenComplete((answer, failure) -> write(ctx, failure == null ? answer
                : XmlReply.status(500, nvhttp.path() + " failed on the host: " + failure).reply()));
    }

    private static X509Certificate peerCertificate(ChannelHandlerContext ctx) {
        try {
            Certificate[] chain = ctx.pipeline().get(SslHandler.class).engine().getSession().getPeerCertificates();
            return chain.length > 0 && chain[0] instanceof X509Certificate certificate ? certificate : null;
        } catch (SSLPeerUnverifiedException e) {
            return null;
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof TooLongFrameException && !answered) {
            answered = true;
            write(ctx, XmlReply.status(413, cause.getMessage()).reply());
            return;
        }
        if (cause instanceof DecoderException && cause.getCause() instanceof SSLException) {
            LOG.debug("TLS with {} failed: {}", ctx.channel().remoteAddress(), cause.getCause().toString());
        } else {
            LOG.debug("Connection with {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
        }
        ctx.close();
    }

    private static void write(ChannelHandlerContext ctx, NvHttpReply reply) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                Unpooled.wrappedBuffer(reply.body()));
        response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, reply.body().length);
        response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        if (reply.contentType() != null) {
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, reply.contentType());
        }
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }
}

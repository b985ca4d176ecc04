package dev.twilight.gamestream.video;

import dev.twilight.api.pipeline.VideoPipeline;
import dev.twilight.api.session.SessionManager;
import dev.twilight.gamestream.control.IdrRequests;
import dev.twilight.gamestream.rtsp.RtspHandshake;
import dev.twilight.gamestream.rtsp.RtspHandshakes;
import dev.twilight.gamestream.rtsp.StreamParameters;
import dev.twilight.gamestream.rtsp.StreamPing;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.Future;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The host side of the video port: takes the clients' video pings, finds each one's session by its ping payload
 * and, on the first ping of an announced session, starts a {@link VideoSender} to the ping's source address.
 * Datagrams that are no announced session's ping are counted and dropped.
 *
 * <p>Pings and session ends are handled on one event loop, so a session that ended gets no sender afterwards.
 * Pipeline streams are opened and closed on a thread of their own, in order, as opening an encoder takes time.
 */
public final class VideoServer {

    private static final Logger LOG = LoggerFactory.getLogger(VideoServer.class);
    /** Room for a burst of large frames, as Sunshine asks for its video socket. */
    private static final int SEND_BUFFER_BYTES = 1024 * 1024;
    private static final long SHUTDOWN_SECONDS = 5;

    private final RtspHandshakes handshakes;
    private final SessionManager sessions;
    private final Supplier<VideoPipeline> pipeline;
    private final long pacingBitsPerSecond;
    /** Written on the event loop only; read by anyone. */
    private final Map<String, VideoSender> bySessionId = new ConcurrentHashMap<>();
    private final AtomicLong ignoredDatagrams = new AtomicLong();
    private final EventLoopGroup group;
    private final EventLoop loop;
    private final ThreadPoolExecutor streamCalls;
    private final Channel channel;

    /**
     * Binds the video port.
     *
     * @param pipeline            the host's video pipeline now, null while there is none
     * @param pacingBitsPerSecond the budget each session's frames are paced at; 0 sends each frame as one burst
     * @throws IOException when the port cannot be bound
     */
    public VideoServer(InetSocketAddress bind, RtspHandshakes handshakes, SessionManager sessions,
                       Supplier<VideoPipeline> pipeline, long pacingBitsPerSecond) throws IOException {
        this.handshakes = handshakes;
        this.sessions = sessions;
        this.pipeline = pipeline;
        this.pacingBitsPerSecond = pacingBitsPerSecond;
        group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("twilight-video-io", true),
                NioIoHandler.newFactory());
        loop = group.next();
        streamCalls = new ThreadPoolExecutor(1, 1, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                new DefaultThreadFactory("twilight-video-stream", true));
        streamCalls.allowCoreThreadTimeOut(true);
        ChannelFuture bound = new Bootstrap()
                .group(loop)
                .channel(NioDatagramChannel.class)
                .option(ChannelOption.SO_SNDBUF, SEND_BUFFER_BYTES)
                .handler(new PingHandler())
                .bind(bind)
                .awaitUninterruptibly();
        if (!bound.isSuccess()) {
            stopThreads();
            throw new IOException("cannot listen for video pings on UDP " + bind.getAddress().getHostAddress() + ":"
                    + bind.getPort() + " (" + bound.cause().getMessage() + "): stop the program using that port "
                    + "(another GameStream host?) or change video_port", bound.cause());
        }
        channel = bound.channel();
        LOG.info("Video listening on UDP {}", channel.localAddress());
    }

    /** The UDP port bound. */
    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    /**
     * The session's hook for the client's IDR requests: its video sender once the client pinged; before that the
     * first frame is an IDR anyway.
     */
    public IdrRequests idrRequests(String sessionId) {
        return new IdrRequests() {
            @Override
            public void requestIdr() {
                sender(sessionId).ifPresent(VideoSender::requestIdr);
            }

            @Override
            public void invalidateReferenceFrames(long firstFrame, long lastFrame) {
                sender(sessionId).ifPresent(sender -> sender.invalidateReferenceFrames(firstFrame, lastFrame));
            }
        };
    }

    /** The session stops: so does its video. Call after its handshake was forgotten. */
    public void sessionEnded(String sessionId) {
        loop.execute(() -> {
            VideoSender sender = bySessionId.remove(sessionId);
            if (sender != null) {
                streamCalls.execute(sender::stop);
            }
        });
    }

    /** Stops every sender and closes the port. */
    public void close() {
        channel.close().awaitUninterruptibly(SHUTDOWN_SECONDS, TimeUnit.SECONDS);
        bySessionId.values().forEach(sender -> streamCalls.execute(sender::stop));
        stopThreads();
    }

    Optional<VideoSender> sender(String sessionId) {
        return Optional.ofNullable(bySessionId.get(sessionId));
    }

    /** Datagrams dropped for not being an announced session's ping. */
    long ignoredDatagrams() {
        return ignoredDatagrams.get();
    }

    private void ping(ByteBuf content, InetSocketAddress source) {
        Optional<RtspHandshake> announced = StreamPing.announcedSession(handshakes, content);
        if (announced.isEmpty()) {
            ignoredDatagrams.incrementAndGet();
            LOG.debug("Ignored a {}-byte datagram from {}: no announced session's ping", content.readableBytes(),
                    source);
            return;
        }
        RtspHandshake handshake = announced.get();
        String sessionId = handshake.session().id();
        VideoSender running = bySessionId.get(sessionId);
        if (running != null) {
            running.pingFrom(source);
            return;
        }
        StreamParameters parameters = handshake.parameters().orElseThrow();
        VideoSender sender = new VideoSender(handshake, parameters, channel, source, pacingBitsPerSecond,
                reason -> streamCalls.execute(() -> sessions.streamStopped(sessionId, reason)));
        bySessionId.put(sessionId, sender);
        streamCalls.execute(() -> sender.open(pipeline.get()));
    }

    private void stopThreads() {
        streamCalls.shutdown();
        Future<?> loopDone = group.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        try {
            if (!streamCalls.awaitTermination(SHUTDOWN_SECONDS, TimeUnit.SECONDS)) {
                streamCalls.shutdownNow();
            }
        } catch (InterruptedException e) {
            streamCalls.shutdownNow();
            Thread.currentThread().interrupt();
        }
        loopDone.awaitUninterruptibly(SHUTDOWN_SECONDS, TimeUnit.SECONDS);
    }

    private final class PingHandler extends SimpleChannelInboundHandler<DatagramPacket> {

        @Override
        protected void channelRead0(ChannelHandlerContext context, DatagramPacket packet) {
            ping(packet.content(), packet.sender());
        }
    }
}

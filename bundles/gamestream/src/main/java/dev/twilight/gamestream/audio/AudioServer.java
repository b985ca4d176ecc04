package dev.twilight.gamestream.audio;

import dev.twilight.api.capture.AudioCaptureSource;
import dev.twilight.gamestream.rtsp.RtspHandshake;
import dev.twilight.gamestream.rtsp.RtspHandshakes;
import dev.twilight.gamestream.rtsp.StreamPing;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The host side of the audio port: takes the clients' audio pings, finds each one's session by its ping payload and,
 * on the first ping of an announced session, starts an {@link AudioSender} to the ping's source address, which
 * captures from the best of the audio capture sources it is given ({@link #addSource}). Datagrams
 * that are no announced session's ping are counted and dropped. Pings and session ends are handled on one event
 * loop, so a session that ended gets no sender afterwards.
 */
public final class AudioServer {

    private static final Logger LOG = LoggerFactory.getLogger(AudioServer.class);
    private static final long SHUTDOWN_SECONDS = 5;

    private final RtspHandshakes handshakes;
    private final AudioSources sources;
    /** Written on the event loop only; read by anyone. */
    private final Map<String, AudioSender> bySessionId = new ConcurrentHashMap<>();
    private final AtomicLong ignoredDatagrams = new AtomicLong();
    private final EventLoopGroup group;
    private final EventLoop loop;
    private final Channel channel;

    /**
     * Binds the audio port.
     *
     * @param sourcePreference audio capture source names, best first; sources not named come after, the synthetic
     *                         tone last
     * @throws IOException when the port cannot be bound
     */
    public AudioServer(InetSocketAddress bind, RtspHandshakes handshakes, List<String> sourcePreference)
            throws IOException {
        this.handshakes = handshakes;
        this.sources = new AudioSources(sourcePreference);
        group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("twilight-audio-io", true),
                NioIoHandler.newFactory());
        loop = group.next();
        ChannelFuture bound = new Bootstrap()
                .group(loop)
                .channel(NioDatagramChannel.class)
                .handler(new PingHandler())
                .bind(bind)
                .awaitUninterruptibly();
        if (!bound.isSuccess()) {
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(SHUTDOWN_SECONDS, TimeUnit.SECONDS);
            throw new IOException("cannot listen for audio pings on UDP " + bind.getAddress().getHostAddress() + ":"
                    + bind.getPort() + " (" + bound.cause().getMessage() + "): stop the program using that port "
                    + "(another GameStream host?) or change audio_port", bound.cause());
        }
        channel = bound.channel();
        LOG.info("Audio listening on UDP {}", channel.localAddress());
    }

    /** The UDP port bound. */
    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    /** An audio capture source came: running senders move to it between two chunks if it ranks higher. */
    public void addSource(AudioCaptureSource source) {
        sources.add(source);
    }

    /** An audio capture source goes: senders using it move to the next one. */
    public void removeSource(AudioCaptureSource source) {
        sources.remove(source);
    }

    /** The session stops: so does its audio. Call after its handshake was forgotten. */
    public void sessionEnded(String sessionId) {
        loop.execute(() -> {
            AudioSender sender = bySessionId.remove(sessionId);
            if (sender != null) {
                // off the event loop: stopping waits for the packet being sent
                new Thread(sender::stop, "twilight-audio-stop").start();
            }
        });
    }

    /** Stops every sender and closes the port. */
    public void close() {
        channel.close().awaitUninterruptibly(SHUTDOWN_SECONDS, TimeUnit.SECONDS);
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(SHUTDOWN_SECONDS, TimeUnit.SECONDS);
        new ArrayList<>(bySessionId.values()).forEach(AudioSender::stop);
        bySessionId.clear();
    }

    /** Whether the session's audio is being sent. */
    public boolean sending(String sessionId) {
        return bySessionId.containsKey(sessionId);
    }

    /** The name of the source the session's audio captures from now; empty while none or not sending. */
    public Optional<String> sourceOf(String sessionId) {
        return Optional.ofNullable(bySessionId.get(sessionId)).map(AudioSender::sourceName);
    }

    /** Datagrams dropped for not being an announced session's ping. */
    public long ignoredDatagrams() {
        return ignoredDatagrams.get();
    }

    private void ping(DatagramPacket packet) {
        Optional<RtspHandshake> announced = StreamPing.announcedSession(handshakes, packet.content());
        if (announced.isEmpty()) {
            ignoredDatagrams.incrementAndGet();
            LOG.debug("Ignored a {}-byte datagram from {}: no announced session's ping",
                    packet.content().readableBytes(), packet.sender());
            return;
        }
        RtspHandshake handshake = announced.get();
        String sessionId = handshake.session().id();
        AudioSender running = bySessionId.get(sessionId);
        if (running != null) {
            running.pingFrom(packet.sender());
            return;
        }
        AudioSender sender = new AudioSender(handshake, handshake.parameters().orElseThrow(), channel,
                packet.sender(), sources);
        bySessionId.put(sessionId, sender);
        sender.start();
    }

    private final class PingHandler extends SimpleChannelInboundHandler<DatagramPacket> {

        @Override
        protected void channelRead0(ChannelHandlerContext context, DatagramPacket packet) {
            ping(packet);
        }
    }
}

package dev.twilight.gamestream.control;

import dev.twilight.api.input.InputEvent;
import dev.twilight.api.input.InputSink;
import dev.twilight.api.session.SessionManager;
import dev.twilight.enet.Delivery;
import dev.twilight.enet.DisconnectReason;
import dev.twilight.enet.EnetConfig;
import dev.twilight.enet.EnetHost;
import dev.twilight.enet.EnetListener;
import dev.twilight.enet.EnetPeer;
import dev.twilight.gamestream.crypto.ControlCipher;
import dev.twilight.gamestream.crypto.ControlMessage;
import dev.twilight.gamestream.crypto.InputPackets;
import dev.twilight.gamestream.crypto.MalformedMessageException;
import dev.twilight.gamestream.crypto.Sender;
import dev.twilight.gamestream.rtsp.RtspHandshake;
import dev.twilight.gamestream.rtsp.RtspHandshakes;
import dev.twilight.gamestream.rtsp.StreamParameters;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.Future;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The host side of the control stream: an ENet server that takes each announced session's client by its
 * {@code X-SS-Connect-Data}, opens its encrypted messages, keeps the session alive on every one, passes IDR and
 * reference-frame requests to the session's {@link IdrRequests} and input to the {@link InputSink}s, and sends
 * the client its termination message when the host ends the session.
 *
 * <p>Sessions and peers are handled on one event loop; calls into the {@link SessionManager} go to a thread of
 * their own, in order, so the loop never waits for the session manager.
 */
public final class ControlServer implements EnetListener {

    private static final Logger LOG = LoggerFactory.getLogger(ControlServer.class);
    /** As Sunshine's control host. */
    private static final int MAX_PEERS = 128;
    private static final int CHANNEL_LIMIT = 255;
    /**
     * A peer that acknowledges nothing for the host's ping timeout (10 s, as Sunshine's) is gone, as the session
     * manager would decide from the missing pings anyway.
     */
    private static final EnetConfig TIMEOUTS = new EnetConfig(EnetConfig.DEFAULT.timeoutLimit(), 10_000, 10_000,
            EnetConfig.DEFAULT.pingIntervalMillis());
    /** "The app exited": clients report a normal end (once a frame was shown). */
    private static final int GRACEFUL_TERMINATION = 0x80030023;
    /** HDR mode message: enabled = 0 (SDR) and zeroed mastering metadata. */
    private static final int HDR_MODE_BYTES = 1 + 13 * 2;
    /** Time for the termination message to leave before the peer is dropped. */
    private static final long TERMINATION_FLUSH_MS = 100;
    private static final long SHUTDOWN_SECONDS = 5;

    private final RtspHandshakes handshakes;
    private final SessionManager sessions;
    private final Function<String, IdrRequests> idrRequestsBySession;
    private final List<InputSink> inputSinks = new CopyOnWriteArrayList<>();
    /** Written on the event loop only; read by anyone. */
    private final Map<String, ControlStream> bySessionId = new ConcurrentHashMap<>();
    private final Map<EnetPeer, ControlStream> byPeer = new ConcurrentHashMap<>();
    private final EventLoopGroup group;
    private final EventLoop loop;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final ThreadPoolExecutor sessionCalls;
    private final EnetHost host;

    /**
     * Binds the control port.
     *
     * @param idrRequestsBySession the IDR request hook of a session, by session id, asked once it connects
     * @throws IOException when the port cannot be bound
     */
    public ControlServer(InetSocketAddress bind, RtspHandshakes handshakes, SessionManager sessions,
                         Function<String, IdrRequests> idrRequestsBySession) throws IOException {
        this.handshakes = handshakes;
        this.sessions = sessions;
        this.idrRequestsBySession = idrRequestsBySession;
        group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("twilight-control-io", true),
                NioIoHandler.newFactory());
        loop = group.next();
        sessionCalls = new ThreadPoolExecutor(1, 1, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                new DefaultThreadFactory("twilight-control-session", true));
        sessionCalls.allowCoreThreadTimeOut(true);
        Future<EnetHost> bound = EnetHost.server(group, bind, MAX_PEERS, CHANNEL_LIMIT, TIMEOUTS, this)
                .awaitUninterruptibly();
        if (!bound.isSuccess()) {
            stopThreads();
            throw new IOException("cannot listen for the control stream on UDP " + bind.getAddress().getHostAddress()
                    + ":" + bind.getPort() + " (" + bound.cause().getMessage() + "): stop the program using that "
                    + "port (another GameStream host?) or change control_port", bound.cause());
        }
        host = bound.getNow();
        LOG.info("Control stream listening on UDP {}", host.localAddress());
    }

    /** The UDP port bound. */
    public int port() {
        return host.localAddress().getPort();
    }

    public void addInputSink(InputSink sink) {
        inputSinks.add(sink);
    }

    public void removeInputSink(InputSink sink) {
        inputSinks.remove(sink);
    }

    /**
     * The host ends the session: its client, if connected, is sent the termination message ("the app exited")
     * and dropped right after, as Moonlight ignores a graceful ENet disconnect.
     */
    public void sessionEnded(String sessionId) {
        loop.execute(() -> {
            ControlStream stream = bySessionId.remove(sessionId);
            if (stream != null) {
                terminate(stream);
            }
        });
    }

    /** Runs on the loop: the termination message, then the peer is dropped once it had time to leave. */
    private void terminate(ControlStream stream) {
        byPeer.remove(stream.peer());
        byte[] reason = ByteBuffer.allocate(4).putInt(GRACEFUL_TERMINATION).array();
        stream.peer().send(0, stream.seal(new ControlMessage(ControlMessage.TERMINATION, reason)), Delivery.RELIABLE);
        loop.schedule(() -> stream.peer().disconnectNow(0), TERMINATION_FLUSH_MS, TimeUnit.MILLISECONDS);
        LOG.info("Sent session {} its termination message", stream.sessionId());
    }

    /**
     * The host shuts down: every connected client gets the termination message, as when its app exits, then the
     * port closes. Closing again does nothing.
     */
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        loop.submit(() -> {
            List<ControlStream> connected = List.copyOf(bySessionId.values());
            bySessionId.clear();
            connected.forEach(this::terminate);
            return connected.size();
        }).awaitUninterruptibly(SHUTDOWN_SECONDS, TimeUnit.SECONDS);
        // the messages leave before the host closes and drops whoever has not acknowledged them
        loop.schedule(() -> { }, TERMINATION_FLUSH_MS, TimeUnit.MILLISECONDS)
                .awaitUninterruptibly(SHUTDOWN_SECONDS, TimeUnit.SECONDS);
        host.close().awaitUninterruptibly(SHUTDOWN_SECONDS, TimeUnit.SECONDS);
        stopThreads();
    }

    /** The connected session's stream, for its counts. */
    Optional<ControlStream> stream(String sessionId) {
        return Optional.ofNullable(bySessionId.get(sessionId));
    }

    @Override
    public void connected(EnetPeer peer) {
        Optional<RtspHandshake> announced = handshakes.byConnectData(peer.connectData())
                .filter(handshake -> handshake.parameters().isPresent());
        if (announced.isEmpty()) {
            refuse(peer, "its connect data " + Integer.toUnsignedString(peer.connectData())
                    + " is no announced session's");
            return;
        }
        RtspHandshake handshake = announced.get();
        StreamParameters parameters = handshake.parameters().orElseThrow();
        String sessionId = handshake.session().id();
        if (!parameters.encryptedControl() || !parameters.encrypted(StreamParameters.ENCRYPT_CONTROL_V2)) {
            refuse(peer, "session " + sessionId + " did not announce the encrypted control stream with V2 IVs "
                    + "(a GameStream 7.1.431 client, useReliableUdp=13); older clients are not served");
            return;
        }
        if (bySessionId.containsKey(sessionId)) {
            refuse(peer, "session " + sessionId + " is connected already");
            return;
        }
        ControlStream stream = new ControlStream(sessionId, handshake.session().parameters().remoteInputKey(), peer,
                idrRequestsBySession.apply(sessionId));
        bySessionId.put(sessionId, stream);
        byPeer.put(peer, stream);
        heard(stream);
        LOG.info("Control stream of session {} connected from {}", sessionId, peer.remoteAddress());
        // as Sunshine at encoder start: the client learns the stream's dynamic range before the first frame
        peer.send(0, stream.seal(new ControlMessage(ControlMessage.HDR_MODE, new byte[HDR_MODE_BYTES])),
                Delivery.RELIABLE);
        if (parameters.hdr()) {
            LOG.info("Session {} asked for HDR; no encoder here produces 10-bit HDR yet, so it streams SDR and the "
                    + "client was told so", sessionId);
        }
    }

    @Override
    public void received(EnetPeer peer, int channel, ByteBuf payload) {
        ControlStream stream = byPeer.get(peer);
        if (stream == null) {
            return;
        }
        heard(stream);
        Optional<ControlMessage> message;
        try {
            message = ControlCipher.open(stream.key(), Sender.CLIENT, ByteBufUtil.getBytes(payload));
        } catch (MalformedMessageException e) {
            stream.increment(ControlCounter.UNREADABLE_MESSAGES);
            LOG.debug("Ignored a control message of session {}: {}", stream.sessionId(), e.getMessage());
            return;
        }
        if (message.isEmpty()) {
            // as Sunshine: someone other than the session's client, or a corrupted stream
            LOG.warn("A control message of session {} from {} failed authentication: the session stops",
                    stream.sessionId(), peer.remoteAddress());
            bySessionId.remove(stream.sessionId());
            byPeer.remove(peer);
            peer.disconnectNow(0);
            stopSession(stream, "control message failed authentication");
            return;
        }
        handle(stream, message.get());
    }

    @Override
    public void disconnected(EnetPeer peer, DisconnectReason reason, int data) {
        ControlStream stream = byPeer.remove(peer);
        if (stream == null) {
            return;
        }
        bySessionId.remove(stream.sessionId());
        LOG.info("Control stream of session {} ended: {}", stream.sessionId(), reason);
        stopSession(stream, reason == DisconnectReason.TIMEOUT ? "control stream timed out" : "client disconnected");
    }

    private void handle(ControlStream stream, ControlMessage message) {
        switch (message.type()) {
            case ControlMessage.PING -> stream.increment(ControlCounter.PINGS);
            case ControlMessage.IDR_REQUEST -> stream.idrRequests().requestIdr();
            case ControlMessage.INVALIDATE_REFERENCE_FRAMES -> invalidateReferenceFrames(stream, message.payload());
            case ControlMessage.START_A, ControlMessage.START_B -> stream.increment(ControlCounter.START_MESSAGES);
            case ControlMessage.FEC_STATUS -> stream.increment(ControlCounter.FEC_STATUS_REPORTS);
            case ControlMessage.INPUT -> input(stream, message.payload());
            default -> stream.increment(ControlCounter.UNKNOWN_MESSAGES);
        }
    }

    /** LE32 first frame, 4 reserved bytes, LE32 last frame, 12 reserved bytes. */
    private static void invalidateReferenceFrames(ControlStream stream, byte[] payload) {
        if (payload.length < 12) {
            stream.increment(ControlCounter.UNREADABLE_MESSAGES);
            return;
        }
        ByteBuffer range = ByteBuffer.wrap(payload).order(ByteOrder.LITTLE_ENDIAN);
        stream.idrRequests().invalidateReferenceFrames(Integer.toUnsignedLong(range.getInt(0)),
                Integer.toUnsignedLong(range.getInt(8)));
    }

    private void input(ControlStream stream, byte[] packet) {
        Optional<InputEvent> decoded;
        try {
            decoded = InputPackets.decode(packet);
        } catch (MalformedMessageException e) {
            stream.increment(ControlCounter.MALFORMED_INPUT);
            LOG.debug("Ignored input of session {}: {}", stream.sessionId(), e.getMessage());
            return;
        }
        if (decoded.isEmpty()) {
            stream.increment(ControlCounter.IGNORED_INPUT);
            return;
        }
        InputEvent event = decoded.get();
        boolean injected = false;
        for (InputSink sink : inputSinks) {
            if (sink.supports(event.getClass())) {
                try {
                    sink.inject(stream.sessionId(), event);
                    injected = true;
                } catch (RuntimeException e) {
                    LOG.warn("Input sink '{}' failed on {}", sink.name(), event, e);
                }
            }
        }
        stream.increment(injected ? ControlCounter.INPUT_EVENTS : ControlCounter.DROPPED_INPUT);
    }

    private void refuse(EnetPeer peer, String why) {
        LOG.info("Refused the control connection from {}: {}", peer.remoteAddress(), why);
        peer.disconnectNow(0);
    }

    /** Every event of a session's peer keeps the session alive; one queued report covers a burst of them. */
    private void heard(ControlStream stream) {
        if (stream.markHeard()) {
            sessionCalls.execute(() -> {
                stream.heardReported();
                sessions.heard(stream.sessionId());
            });
        }
    }

    private void stopSession(ControlStream stream, String reason) {
        sessionCalls.execute(() -> sessions.streamStopped(stream.sessionId(), reason));
    }

    private void stopThreads() {
        sessionCalls.shutdown();
        Future<?> loopDone = group.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        try {
            if (!sessionCalls.awaitTermination(SHUTDOWN_SECONDS, TimeUnit.SECONDS)) {
                sessionCalls.shutdownNow();
            }
        } catch (InterruptedException e) {
            sessionCalls.shutdownNow();
            Thread.currentThread().interrupt();
        }
        loopDone.awaitUninterruptibly(SHUTDOWN_SECONDS, TimeUnit.SECONDS);
    }
}

package dev.twilight.gamestream.rtsp;

import dev.twilight.api.session.StreamSession;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One session's RTSP handshake and what it settled: the identifiers the host handed out in the SETUP replies,
 * which streams were set up, and, once ANNOUNCE was accepted, the {@link StreamParameters}. The video, audio
 * and control planes find it in {@link RtspHandshakes} by session id, by ping payload or by connect data.
 * Thread-safe.
 */
public final class RtspHandshake {

    private final StreamSession session;
    private final String pingPayload;
    private final int connectData;
    private final String rtspSessionId;
    /** The host's own sequence numbers for encrypted answers; the first answer uses 1. */
    private final AtomicInteger replySequence = new AtomicInteger();
    private final Set<MediaStream> setUp = EnumSet.noneOf(MediaStream.class);
    private final AtomicReference<StreamParameters> parameters = new AtomicReference<>();

    RtspHandshake(StreamSession session, String pingPayload, int connectData, String rtspSessionId) {
        this.session = session;
        this.pingPayload = pingPayload;
        this.connectData = connectData;
        this.rtspSessionId = rtspSessionId;
    }

    /** The session this handshake belongs to; its client and launch parameters ({@code rikey}, ...) are there. */
    public StreamSession session() {
        return session;
    }

    /**
     * {@code X-SS-Ping-Payload}: 16 uppercase hex characters, the same for audio and video, which the client puts
     * at the start of its UDP pings.
     */
    public String pingPayload() {
        return pingPayload;
    }

    /** {@code X-SS-Connect-Data}: the unsigned 32-bit value the client sends as the ENet CONNECT data; never 0. */
    public int connectData() {
        return connectData;
    }

    /** The id in the {@code Session} header of the SETUP replies, which the client echoes. */
    public String rtspSessionId() {
        return rtspSessionId;
    }

    /** The streams the client sent SETUP for so far. */
    public synchronized Set<MediaStream> setUpStreams() {
        return setUp.isEmpty() ? Set.of() : Set.copyOf(setUp);
    }

    /** What the client's ANNOUNCE settled; empty until the host accepted it. */
    public Optional<StreamParameters> parameters() {
        return Optional.ofNullable(parameters.get());
    }

    synchronized void setUp(MediaStream stream) {
        setUp.add(stream);
    }

    /** @return false when an ANNOUNCE was accepted before (the first one stands) */
    boolean announce(StreamParameters announced) {
        return parameters.compareAndSet(null, announced);
    }

    int nextReplySequence() {
        return replySequence.incrementAndGet();
    }
}

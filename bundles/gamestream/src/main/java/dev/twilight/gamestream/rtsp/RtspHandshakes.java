package dev.twilight.gamestream.rtsp;

import dev.twilight.api.session.StreamSession;
import dev.twilight.gamestream.crypto.Hex;
import java.security.SecureRandom;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The RTSP handshakes of the live sessions, keyed by session id: where the video, audio and control planes look
 * up a session's ping payload, connect data and negotiated {@link StreamParameters}. A handshake is opened by the
 * session's first RTSP request and forgotten when the session stops. Lookups are lock-free; opening and
 * forgetting take turns, so identifiers stay unique among the live handshakes.
 */
public final class RtspHandshakes {

    private static final int PING_PAYLOAD_BYTES = 8;
    private static final int RTSP_SESSION_ID_BYTES = 6;

    private final Map<String, RtspHandshake> bySessionId = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();

    public Optional<RtspHandshake> bySessionId(String sessionId) {
        return Optional.ofNullable(bySessionId.get(sessionId));
    }

    /** @param pingPayload the 16 characters at the start of a client's audio or video ping */
    public Optional<RtspHandshake> byPingPayload(String pingPayload) {
        return bySessionId.values().stream().filter(handshake -> handshake.pingPayload().equals(pingPayload))
                .findFirst();
    }

    /** @param connectData the data of a client's ENet CONNECT */
    public Optional<RtspHandshake> byConnectData(int connectData) {
        return bySessionId.values().stream().filter(handshake -> handshake.connectData() == connectData)
                .findFirst();
    }

    /**
     * The session's handshake, new with fresh identifiers on its first request. A session that stopped meanwhile
     * still gets one for the request at hand, but it is not kept.
     */
    synchronized RtspHandshake open(StreamSession session) {
        RtspHandshake handshake = bySessionId.get(session.id());
        if (handshake == null) {
            handshake = create(session);
            bySessionId.put(session.id(), handshake);
        }
        if (!session.state().isLive()) {
            // its end may have been announced before the handshake existed
            bySessionId.remove(session.id(), handshake);
        }
        return handshake;
    }

    synchronized void forget(String sessionId) {
        bySessionId.remove(sessionId);
    }

    private RtspHandshake create(StreamSession session) {
        String pingPayload;
        do {
            pingPayload = Hex.encode(randomBytes(PING_PAYLOAD_BYTES));
        } while (byPingPayload(pingPayload).isPresent());
        int connectData;
        do {
            connectData = random.nextInt();
        } while (connectData == 0 || byConnectData(connectData).isPresent());
        return new RtspHandshake(session, pingPayload, connectData, Hex.encode(randomBytes(RTSP_SESSION_ID_BYTES)));
    }

    private byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        random.nextBytes(bytes);
        return bytes;
    }
}

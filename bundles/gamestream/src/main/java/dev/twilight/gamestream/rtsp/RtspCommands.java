package dev.twilight.gamestream.rtsp;

import dev.twilight.api.session.SessionManager;
import dev.twilight.api.session.StreamSession;
import dev.twilight.gamestream.crypto.OpusLayout;
import java.util.Optional;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The RTSP methods of the handshake, for a request already bound to its session: OPTIONS, DESCRIBE (the host's
 * capabilities), SETUP of audio, video and control (ports and session identifiers), ANNOUNCE (the stream
 * parameters; claims the pending launch) and PLAY.
 */
final class RtspCommands {

    private static final Logger LOG = LoggerFactory.getLogger(RtspCommands.class);
    /** Host feature flags: no pen/touch (0x01) nor controller touchpad (0x02) input yet. */
    private static final int HOST_FEATURE_FLAGS = 0;
    private static final int ENCRYPTION_SUPPORTED = StreamParameters.ENCRYPT_CONTROL_V2
            | StreamParameters.ENCRYPT_VIDEO | StreamParameters.ENCRYPT_AUDIO;
    private static final int ENCRYPTION_REQUESTED = StreamParameters.ENCRYPT_CONTROL_V2;
    /** The start of a base64 HEVC VPS: clients read it as "HEVC can be streamed". */
    private static final String HEVC_MARKER = "sprop-parameter-sets=AAAAAU";
    private static final String AV1_MARKER = "a=rtpmap:98 AV1/90000";
    /** Clients keep the part of the {@code Session} header before the semicolon. */
    private static final String SESSION_TIMEOUT = ";timeout = 90";

    private final SessionManager sessions;
    private final RtspHandshakes handshakes;
    private final IntSupplier codecModeSupport;
    private final StreamPorts ports;

    /** @param codecModeSupport {@code ServerCodecModeSupport} of the encoders available now */
    RtspCommands(SessionManager sessions, RtspHandshakes handshakes, IntSupplier codecModeSupport,
                 StreamPorts ports) {
        this.sessions = sessions;
        this.handshakes = handshakes;
        this.codecModeSupport = codecModeSupport;
        this.ports = ports;
    }

    /** @throws RtspException what the client is answered when the request cannot be served */
    RtspReply handle(RtspRequest request, StreamSession session, RtspHandshake handshake) {
        return switch (request.method()) {
            case "OPTIONS", "PLAY" -> RtspReply.ok(request);
            case "DESCRIBE" -> RtspReply.ok(request).body("application/sdp", describe());
            case "SETUP" -> setup(request, handshake);
            case "ANNOUNCE" -> announce(request, session, handshake);
            default -> throw new RtspException(404, "unknown RTSP method '" + RtspRequest.printable(request.method())
                    + "': OPTIONS, DESCRIBE, SETUP, ANNOUNCE and PLAY are served");
        };
    }

    /** Not SDP, though shaped like it: clients search it for these attribute names and markers. */
    private String describe() {
        int codecs = codecModeSupport.getAsInt();
        StringBuilder body = new StringBuilder()
                .append("a=x-ss-general.featureFlags:").append(HOST_FEATURE_FLAGS).append("\r\n")
                .append("a=x-ss-general.encryptionSupported:").append(ENCRYPTION_SUPPORTED).append("\r\n")
                .append("a=x-ss-general.encryptionRequested:").append(ENCRYPTION_REQUESTED).append("\r\n");
        if (VideoCodec.HEVC.availableIn(codecs)) {
            body.append(HEVC_MARKER).append("\r\n");
        }
        if (VideoCodec.AV1.availableIn(codecs)) {
            body.append(AV1_MARKER).append("\r\n");
        }
        OpusLayout.ADVERTISED.forEach(layout -> body.append("a=fmtp:97 surround-params=")
                .append(layout.surroundParams()).append("\r\n"));
        return body.toString();
    }

    private RtspReply setup(RtspRequest request, RtspHandshake handshake) {
        MediaStream stream = MediaStream.ofSetupTarget(request.target()).orElseThrow(() -> new RtspException(404,
                "SETUP of unknown stream '" + RtspRequest.printable(request.target())
                        + "': streamid=audio, video and control exist"));
        handshake.setUp(stream);
        RtspReply reply = RtspReply.ok(request)
                .header("Session", handshake.rtspSessionId() + SESSION_TIMEOUT)
                .header("Transport", "server_port=" + ports.of(stream));
        return stream == MediaStream.CONTROL
                ? reply.header("X-SS-Connect-Data", Integer.toUnsignedString(handshake.connectData()))
                : reply.header("X-SS-Ping-Payload", handshake.pingPayload());
    }

    /** Accepted parameters are kept before the launch is claimed, so no plane ever sees a claim without them. */
    private RtspReply announce(RtspRequest request, StreamSession session, RtspHandshake handshake) {
        StreamParameters parameters = AnnounceBody.parse(request.bodyText(), request.header("Host"));
        if (!parameters.codec().availableIn(codecModeSupport.getAsInt())) {
            throw new RtspException(400, "the client asked for " + parameters.codec()
                    + " video, which no available encoder of this host produces");
        }
        if (!handshake.announce(parameters)) {
            throw new RtspException(455, "this session's ANNOUNCE was already accepted");
        }
        Optional<StreamSession> claimed = sessions.claimPendingLaunch(session.client().id());
        if (claimed.isEmpty() || !claimed.get().id().equals(session.id())) {
            handshakes.forget(session.id());
            throw new RtspException(500, "the launch of session " + session.id() + " is no longer pending (it "
                    + "expired or a newer launch replaced it): launch the app again");
        }
        LOG.info("Session {} of '{}' streams {} {}x{} at {} fps, {} kbps, {} audio channels (encryption {})",
                session.id(), session.client().name(), parameters.codec(), parameters.width(), parameters.height(),
                parameters.fps(), parameters.videoBitrateKbps(), parameters.audioChannels(),
                parameters.encryptionEnabled());
        return RtspReply.ok(request);
    }
}

package dev.twilight.gamestream.rtsp;

import dev.twilight.api.session.SessionManager;
import dev.twilight.api.session.SessionState;
import dev.twilight.api.session.StreamSession;
import dev.twilight.gamestream.crypto.RtspCipher;
import dev.twilight.gamestream.crypto.Sender;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Binds a connection's request to its session and answers it. An encrypted request belongs to the session whose
 * {@code rikey} opens it; a plaintext one to the session of the client at its source address. Only sessions
 * waiting for their handshake (pending launches) or streaming after one with this host are candidates; a request
 * that matches none is not answered at all. Runs on the request executor.
 */
final class RtspResponder {

    private static final Logger LOG = LoggerFactory.getLogger(RtspResponder.class);

    private final SessionManager sessions;
    private final RtspHandshakes handshakes;
    private final RtspCommands commands;

    RtspResponder(SessionManager sessions, RtspHandshakes handshakes, RtspCommands commands) {
        this.sessions = sessions;
        this.handshakes = handshakes;
        this.commands = commands;
    }

    /** @return the answer's bytes, or empty when the connection is to be closed without one */
    Optional<byte[]> respond(RtspFrame frame, InetAddress remote) {
        if (frame instanceof RtspFrame.Encrypted encrypted) {
            return respondEncrypted(encrypted, remote);
        }
        if (frame instanceof RtspFrame.Oversized oversized && oversized.encrypted()) {
            LOG.info("Closed RTSP from {}: an encrypted request over {} bytes", remote.getHostAddress(),
                    oversized.limit());
            return Optional.empty();
        }
        Optional<StreamSession> bound = candidates().filter(session -> isAt(session, remote)).findFirst();
        if (bound.isEmpty()) {
            LOG.info("Closed RTSP from {}: no launch is pending for that address", remote.getHostAddress());
            return Optional.empty();
        }
        StreamSession session = bound.get();
        if (frame instanceof RtspFrame.Oversized oversized) {
            return Optional.of(RtspReply.error(new RtspException(400, "the request is over the limit of "
                    + oversized.limit() + " bytes"), "0").encode());
        }
        byte[] message = ((RtspFrame.Plaintext) frame).message();
        if (session.parameters().coreVersion() >= 1) {
            // as Sunshine: a client told rtspenc:// must not fall back to plaintext
            return Optional.of(RtspReply.error(new RtspException(400, "this launch uses encrypted RTSP "
                    + "(rtspenc://, corever " + session.parameters().coreVersion() + "), but the request came in "
                    + "plaintext"), cseq(message)).encode());
        }
        return Optional.of(answer(session, message).encode());
    }

    private Optional<byte[]> respondEncrypted(RtspFrame.Encrypted frame, InetAddress remote) {
        for (StreamSession session : candidates().toList()) {
            byte[] key = session.parameters().remoteInputKey();
            Optional<byte[]> message = RtspCipher.open(key, Sender.CLIENT, frame.sequence(), frame.tag(),
                    frame.ciphertext());
            if (message.isPresent()) {
                RtspHandshake handshake = handshakes.open(session);
                byte[] reply = answer(session, message.get()).encode();
                return Optional.of(RtspCipher.seal(key, Sender.HOST, handshake.nextReplySequence(), reply));
            }
        }
        LOG.info("Closed encrypted RTSP from {}: no pending launch's key opens it", remote.getHostAddress());
        return Optional.empty();
    }

    private RtspReply answer(StreamSession session, byte[] message) {
        sessions.heard(session.id());
        RtspRequest request;
        try {
            request = RtspRequest.parse(message);
        } catch (RtspException e) {
            LOG.info("Malformed RTSP request from '{}': {}", session.client().name(), e.getMessage());
            return RtspReply.error(e, "0");
        }
        try {
            RtspReply reply = commands.handle(request, session, handshakes.open(session));
            LOG.debug("RTSP {} {} of session {}: {}", request.method(), request.target(), session.id(),
                    reply.status());
            return reply;
        } catch (RtspException e) {
            LOG.warn("RTSP {} of session {} ('{}') refused with {}: {}", request.method(), session.id(),
                    session.client().name(), e.status(), e.getMessage());
            return RtspReply.error(e, request.cseq());
        } catch (RuntimeException e) {
            LOG.error("RTSP {} of session {} failed", request.method(), session.id(), e);
            return RtspReply.error(new RtspException(500, request.method() + " failed on the host: " + e),
                    request.cseq());
        }
    }

    /** Pending launches first (a handshake starting), then sessions streaming after a handshake with this host. */
    private Stream<StreamSession> candidates() {
        List<StreamSession> live = sessions.liveSessions();
        return Stream.concat(
                live.stream().filter(session -> session.state() == SessionState.PENDING_LAUNCH),
                live.stream().filter(session -> session.state() == SessionState.STREAMING
                        && handshakes.bySessionId(session.id()).isPresent()));
    }

    private static boolean isAt(StreamSession session, InetAddress remote) {
        String address = session.client().address();
        int zone = address.indexOf('%');
        try {
            return InetAddress.getByName(zone < 0 ? address : address.substring(0, zone)).equals(remote);
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static String cseq(byte[] message) {
        try {
            return RtspRequest.parse(message).cseq();
        } catch (RtspException e) {
            return "0";
        }
    }
}

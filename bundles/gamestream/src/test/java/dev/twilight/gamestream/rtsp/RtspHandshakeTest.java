package dev.twilight.gamestream.rtsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twilight.api.session.SessionEvent;
import dev.twilight.api.session.SessionState;
import dev.twilight.api.session.StreamSession;
import dev.twilight.gamestream.rtsp.RtspTestClient.Answer;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The handshake as Moonlight performs it, plaintext and encrypted, answered as its parser needs. */
class RtspHandshakeTest extends RtspServerFixture {

    private static final String DESCRIBE_BODY = "a=x-ss-general.featureFlags:0\r\n"
            + "a=x-ss-general.encryptionSupported:7\r\n"
            + "a=x-ss-general.encryptionRequested:1\r\n"
            + "sprop-parameter-sets=AAAAAU\r\n"
            + "a=fmtp:97 surround-params=21101\r\n"
            + "a=fmtp:97 surround-params=21101\r\n"
            + "a=fmtp:97 surround-params=642012453\r\n"
            + "a=fmtp:97 surround-params=660012345\r\n"
            + "a=fmtp:97 surround-params=85301245367\r\n"
            + "a=fmtp:97 surround-params=88001234567\r\n";

    @Test
    void aPlaintextHandshakeIsAnsweredByteForByteAndClaimsTheLaunch() throws Exception {
        StreamSession session = launch(0);
        handshake(new RtspTestClient(port, null), session);
    }

    @Test
    void anEncryptedHandshakeIsAnsweredInTheEncryptedFramingWithTheHostsOwnSequence() throws Exception {
        StreamSession session = launch(1);
        RtspTestClient client = new RtspTestClient(port, KEY);
        handshake(client, session);
        assertEquals(7, client.lastHostSequence(), "one host sequence number per answer, from 1");
    }

    @Test
    void theClientWhoseKeyOpensTheRequestIsTheOneServed() throws Exception {
        byte[] otherKey = KEY.clone();
        otherKey[0] = 99;
        StreamSession other = launch("client-2", "127.0.0.1", otherKey, 1);
        StreamSession session = launch(1);

        RtspTestClient client = new RtspTestClient(port, KEY);
        Answer setup = client.send(client.request("SETUP", "streamid=video/0/0",
                "Transport: unicast;X-GS-ClientPort=50000-50001"));
        assertEquals(handshake(session).pingPayload(), setup.header("X-SS-Ping-Payload"));
        assertTrue(server.handshakes().bySessionId(other.id()).isEmpty());
    }

    @Test
    void aSessionThatStopsLosesItsHandshake() throws Exception {
        StreamSession session = launch(0);
        RtspTestClient client = new RtspTestClient(port, null);
        Answer setup = client.send(client.request("SETUP", "streamid=audio/0/0"));
        assertEquals(200, setup.status());
        RtspHandshake handshake = handshake(session);

        sessions.streamStopped(session.id(), "test");
        server.sessionEvent(session, new SessionEvent(Instant.now(), SessionState.ENDED, "ended", "host", "test"));

        assertTrue(server.handshakes().bySessionId(session.id()).isEmpty());
        assertTrue(server.handshakes().byPingPayload(handshake.pingPayload()).isEmpty());
        assertNull(client.send(client.request("PLAY", "/")), "nothing is pending any more: closed unanswered");
    }

    @Test
    void theRtspPortDefaultsToTheNvhttpPortPlus21() throws Exception {
        int free = port;
        server.deactivate();
        server = new RtspServer(config(-1), free - 21, "127.0.0.1", sessions);
        assertEquals(free, server.port());
    }

    /** OPTIONS, DESCRIBE, SETUP audio, video and control, ANNOUNCE, PLAY, as moonlight-common-c sends them. */
    private void handshake(RtspTestClient client, StreamSession session) throws Exception {
        String url = (session.parameters().coreVersion() >= 1 ? "rtspenc" : "rtsp") + "://127.0.0.1:" + port;

        Answer options = client.send(client.request("OPTIONS", url));
        assertEquals("RTSP/1.0 200 OK\r\nCSeq: 1\r\n\r\n", options.head());

        Answer describe = client.send(client.request("DESCRIBE", url, "Accept: application/sdp",
                "If-Modified-Since: Thu, 01 Jan 1970 00:00:00 GMT"));
        assertEquals("RTSP/1.0 200 OK\r\nCSeq: 2\r\nContent-type: application/sdp\r\nContent-length: "
                + DESCRIBE_BODY.length() + "\r\n\r\n", describe.head());
        assertEquals(DESCRIBE_BODY, describe.body());
        assertFalse(describe.body().contains("refPicInvalidation"));
        assertFalse(describe.body().contains("AV1"), "AV1's encoder is unavailable");

        RtspHandshake handshake = handshake(session);
        String pingPayload = handshake.pingPayload();
        assertTrue(pingPayload.matches("[0-9A-F]{16}"), pingPayload);
        String sessionHeader = handshake.rtspSessionId() + ";timeout = 90";

        Answer audio = client.send(client.request("SETUP", "streamid=audio/0/0",
                "Transport: unicast;X-GS-ClientPort=50000-50001", "If-Modified-Since: Thu, 01 Jan 1970 00:00:00 GMT"));
        assertEquals("RTSP/1.0 200 OK\r\nCSeq: 3\r\nSession: " + sessionHeader + "\r\n"
                + "Transport: server_port=" + server.audio().port() + "\r\nX-SS-Ping-Payload: " + pingPayload + "\r\n\r\n", audio.head());
        String sessionId = audio.header("Session").split(";")[0];

        Answer video = client.send(client.request("SETUP", "streamid=video/0/0", "Session: " + sessionId,
                "Transport: unicast;X-GS-ClientPort=50000-50001", "If-Modified-Since: Thu, 01 Jan 1970 00:00:00 GMT"));
        assertEquals("RTSP/1.0 200 OK\r\nCSeq: 4\r\nSession: " + sessionHeader + "\r\n"
                + "Transport: server_port=" + server.video().port() + "\r\nX-SS-Ping-Payload: " + pingPayload + "\r\n\r\n", video.head());

        Answer control = client.send(client.request("SETUP", "streamid=control/13/0", "Session: " + sessionId,
                "Transport: unicast;X-GS-ClientPort=50000-50001", "If-Modified-Since: Thu, 01 Jan 1970 00:00:00 GMT"));
        assertEquals("RTSP/1.0 200 OK\r\nCSeq: 5\r\nSession: " + sessionHeader + "\r\n"
                + "Transport: server_port=" + server.control().port() + "\r\nX-SS-Connect-Data: "
                + Integer.toUnsignedString(handshake.connectData()) + "\r\n\r\n", control.head());
        assertEquals(Set.of(MediaStream.AUDIO, MediaStream.VIDEO, MediaStream.CONTROL), handshake.setUpStreams());
        assertEquals(SessionState.PENDING_LAUNCH, session.state());

        Answer announce = client.send(client.announce(sessionId, AnnounceBodies.body(AnnounceBodies.moonlight())));
        assertEquals("RTSP/1.0 200 OK\r\nCSeq: 6\r\n\r\n", announce.head());
        assertEquals(SessionState.STREAMING, session.state(), "ANNOUNCE claims the pending launch");
        StreamParameters parameters = handshake.parameters().orElseThrow();
        assertEquals(VideoCodec.HEVC, parameters.codec());
        assertEquals(1920, parameters.width());
        assertEquals(13964, parameters.videoBitrateKbps());

        Answer play = client.send(client.request("PLAY", "/", "Session: " + sessionId));
        assertEquals("RTSP/1.0 200 OK\r\nCSeq: 7\r\n\r\n", play.head());

        assertSame(handshake, server.handshakes().byPingPayload(pingPayload).orElseThrow());
        assertSame(handshake, server.handshakes().byConnectData(handshake.connectData()).orElseThrow());
        assertSame(session, handshake.session());
    }
}

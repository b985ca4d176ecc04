package dev.twilight.gamestream.rtsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twilight.api.session.SessionState;
import dev.twilight.api.session.StreamSession;
import dev.twilight.gamestream.rtsp.RtspTestClient.Answer;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Requests no session owns are closed unanswered; bad requests of a session get an error; the listener goes on. */
class RtspHostileInputTest extends RtspServerFixture {

    private static final String URL = "rtsp://127.0.0.1";

    @Test
    void withoutAPendingLaunchTheConnectionIsClosedUnanswered() throws Exception {
        RtspTestClient plain = new RtspTestClient(port, null);
        assertNull(plain.send(plain.request("OPTIONS", URL)));
        RtspTestClient encrypted = new RtspTestClient(port, KEY);
        assertNull(encrypted.send(encrypted.request("OPTIONS", URL)));

        launch("client-2", "192.0.2.7", KEY, 0);
        assertNull(plain.send(plain.request("OPTIONS", URL)), "another address's launch is not this client's");
    }

    @Test
    void aRequestTheKeyDoesNotOpenIsClosedUnanswered() throws Exception {
        StreamSession session = launch(1);
        byte[] wrongKey = KEY.clone();
        wrongKey[15] ^= 1;
        RtspTestClient wrong = new RtspTestClient(port, wrongKey);
        assertNull(wrong.send(wrong.request("OPTIONS", URL)));

        RtspTestClient right = new RtspTestClient(port, KEY);
        byte[] tampered = right.seal(right.request("OPTIONS", URL).getBytes(StandardCharsets.US_ASCII));
        tampered[tampered.length - 1] ^= 1;
        assertEquals(0, RtspTestClient.exchange(port, tampered).length);
        try (Socket truncated = new Socket("127.0.0.1", port)) {
            truncated.setSoTimeout(5_000);
            truncated.getOutputStream().write(new byte[] {(byte) 0x80, 0, 0, 2, 0, 0, 0, 1});
            truncated.shutdownOutput();
            assertEquals(-1, truncated.getInputStream().read(), "a truncated message is dropped when the client quits");
        }
        assertTrue(server.handshakes().bySessionId(session.id()).isEmpty());
        assertEquals(200, right.send(right.request("OPTIONS", URL)).status());
    }

    @Test
    void aPlaintextRequestForAnEncryptedLaunchIs400() throws Exception {
        launch(1);
        RtspTestClient client = new RtspTestClient(port, null);
        Answer answer = client.send(client.request("OPTIONS", URL));
        assertTrue(answer.head().startsWith("RTSP/1.0 400 Bad Request\r\nCSeq: 1\r\n"), answer.head());
        assertTrue(answer.body().contains("encrypted RTSP"), answer.body());
    }

    @Test
    void malformedRequestsAre400AndTheListenerGoesOn() throws Exception {
        launch(0);
        assertBadRequest("\u0001garbage\r\n\r\n", "request line");
        assertBadRequest("OPTIONS " + URL + " HTTP/1.1\r\nCSeq: 1\r\n\r\n", "RTSP/1.0");
        assertBadRequest("OPTIONS " + URL + " RTSP/1.0\r\nCSeq 1\r\n\r\n", "'Name: value'");
        assertBadRequest("ANNOUNCE x RTSP/1.0\r\nCSeq: 1\r\nContent-length: many\r\n\r\n", "Content-length");
        RtspTestClient client = new RtspTestClient(port, null);
        assertEquals("RTSP/1.0 200 OK\r\nCSeq: 1\r\n\r\n", client.send(client.request("OPTIONS", URL)).head());
    }

    @Test
    void anOversizedRequestIs400() throws Exception {
        launch(0);
        assertBadRequest("ANNOUNCE x RTSP/1.0\r\nCSeq: 6\r\nContent-length: 100000\r\n\r\n", "over the limit");
        assertBadRequest("OPTIONS " + "a".repeat(RtspChannelInitializer.MAX_REQUEST_BYTES - 8), "over the limit");
    }

    @Test
    void unknownMethodsAndStreamsAre404() throws Exception {
        launch(0);
        RtspTestClient client = new RtspTestClient(port, null);
        Answer teardown = client.send(client.request("TEARDOWN", URL));
        assertTrue(teardown.head().startsWith("RTSP/1.0 404 Not Found\r\nCSeq: 1\r\n"), teardown.head());
        assertTrue(teardown.body().contains("TEARDOWN"), teardown.body());
        Answer setup = client.send(client.request("SETUP", "streamid=subtitles/0/0"));
        assertTrue(setup.head().startsWith("RTSP/1.0 404 Not Found\r\nCSeq: 2\r\n"), setup.head());
        assertTrue(setup.body().contains("subtitles"), setup.body());
    }

    @Test
    void anAnnounceLackingRequiredAttributesIs400NamingThem() throws Exception {
        StreamSession session = launch(0);
        Map<String, String> attributes = AnnounceBodies.moonlight();
        attributes.remove("x-nv-video[0].maxFPS");
        attributes.remove("x-nv-audio.surround.channelMask");
        RtspTestClient client = new RtspTestClient(port, null);
        Answer answer = client.send(client.announce("X", AnnounceBodies.body(attributes)));
        assertTrue(answer.head().startsWith("RTSP/1.0 400 Bad Request\r\nCSeq: 1\r\n"), answer.head());
        assertEquals("ANNOUNCE lacks the required attributes x-nv-video[0].maxFPS, x-nv-audio.surround.channelMask"
                + "\r\n", answer.body());
        assertEquals(SessionState.PENDING_LAUNCH, session.state());

        attributes = AnnounceBodies.moonlight();
        attributes.put("x-nv-video[0].packetSize", "big");
        answer = client.send(client.announce("X", AnnounceBodies.body(attributes)));
        assertEquals(400, answer.status());
        assertTrue(answer.body().contains("x-nv-video[0].packetSize") && answer.body().contains("'big'"),
                answer.body());
        assertEquals(SessionState.PENDING_LAUNCH, session.state());
    }

    @Test
    void anAnnounceForACodecNoEncoderProducesIs400() throws Exception {
        StreamSession session = launch(0);
        RtspTestClient client = new RtspTestClient(port, null);
        Map<String, String> av1 = AnnounceBodies.moonlight();
        av1.put("x-nv-vqos[0].bitStreamFormat", "2");
        Answer answer = client.send(client.announce("X", AnnounceBodies.body(av1)));
        assertEquals(400, answer.status());
        assertTrue(answer.body().contains("AV1"), answer.body());

        server.unsetVideoPipeline(pipeline);
        answer = client.send(client.announce("X", AnnounceBodies.body(AnnounceBodies.moonlight())));
        assertTrue(answer.body().contains("HEVC"), answer.body());
        assertEquals(SessionState.PENDING_LAUNCH, session.state());

        Map<String, String> h264 = AnnounceBodies.moonlight();
        h264.put("x-nv-vqos[0].bitStreamFormat", "0");
        assertEquals(200, client.send(client.announce("X", AnnounceBodies.body(h264))).status(),
                "H.264 is always offered");
        assertEquals(SessionState.STREAMING, session.state());
        Answer again = client.send(client.announce("X", AnnounceBodies.body(h264)));
        assertTrue(again.head().startsWith("RTSP/1.0 455 Method Not Valid in This State\r\n"), again.head());
    }

    @Test
    void silentAndTricklingConnectionsDoNotHoldUpOthers() throws Exception {
        launch(0);
        List<Socket> idle = new ArrayList<>();
        try {
            for (int i = 0; i < 8; i++) {
                Socket socket = new Socket("127.0.0.1", port);
                idle.add(socket);
                if (i % 2 == 1) {
                    socket.getOutputStream().write("OPTIONS rtsp://127.0.0.1 RTSP/1.0\r\nCSeq: 1\r\n"
                            .getBytes(StandardCharsets.US_ASCII));
                }
            }
            RtspTestClient client = new RtspTestClient(port, null);
            Answer answer = assertTimeoutPreemptively(Duration.ofSeconds(2),
                    () -> client.send(client.request("OPTIONS", URL)));
            assertEquals(200, answer.status());
        } finally {
            for (Socket socket : idle) {
                socket.close();
            }
        }
    }

    private void assertBadRequest(String request, String reason) throws Exception {
        String answer = new String(RtspTestClient.exchange(port, request.getBytes(StandardCharsets.ISO_8859_1)),
                StandardCharsets.UTF_8);
        assertTrue(answer.startsWith("RTSP/1.0 400 Bad Request\r\nCSeq: "), answer);
        assertTrue(answer.contains(reason), answer);
    }
}

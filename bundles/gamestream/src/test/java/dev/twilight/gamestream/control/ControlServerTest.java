package dev.twilight.gamestream.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twilight.api.input.InputEvent;
import dev.twilight.api.input.InputSink;
import dev.twilight.api.session.SessionEvent;
import dev.twilight.api.session.SessionState;
import dev.twilight.api.session.StreamSession;
import dev.twilight.enet.DisconnectReason;
import dev.twilight.gamestream.control.ControlTestClient.HostMessage;
import dev.twilight.gamestream.rtsp.AnnounceBodies;
import dev.twilight.gamestream.rtsp.RtspServerFixture;
import dev.twilight.gamestream.rtsp.RtspTestClient;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The control stream against an ENet client as Moonlight's, after a session's RTSP ANNOUNCE. */
class ControlServerTest extends RtspServerFixture {

    private final ControlTestClient client = new ControlTestClient(KEY);
    private final RecordingSink sink = new RecordingSink();
    private StreamSession session;

    @AfterEach
    void closeClient() {
        client.close();
    }

    @Test
    void theClientWithTheAnnouncedConnectDataIsAcceptedOnThePortSetupAnnounced() throws Exception {
        connect();
        assertTrue(sessions.heardCount(session.id()) >= 1, "the connection counts as hearing from the client");
        assertFalse(client.disconnected.isDone());
    }

    @Test
    void aClientWithOtherConnectDataIsDisconnected() throws Exception {
        int connectData = announce();
        client.connect(server.control().port(), connectData + 1);
        // RESET once the handshake completed; null if the refusal came first
        client.disconnected.get(5, TimeUnit.SECONDS);
        assertTrue(server.control().stream(session.id()).isEmpty());
        assertTrue(sessions.stopReason(session.id()).isEmpty());
    }

    @Test
    void anEncryptedPingIsHeard() throws Exception {
        ControlStream stream = connect();
        long heardBefore = sessions.heardCount(session.id());
        client.send(0, 0x0200, new byte[] {4, 0, 0, 0, 0, 0, 0, 0});
        await(() -> stream.count(ControlCounter.PINGS) == 1, "the ping is opened");
        await(() -> sessions.heardCount(session.id()) > heardBefore, "the ping is heard");
    }

    @Test
    void idrAndReferenceFrameInvalidationRequestsReachTheSessionsHook() throws Exception {
        ControlStream stream = connect();
        IdrRequestCount hook = (IdrRequestCount) stream.idrRequests();
        client.send(1, 0x0302, new byte[2]);
        client.send(1, 0x0301, ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN).putInt(0, 7).putInt(8, 9)
                .array());
        client.send(0, 0x0307, new byte[1]);
        await(() -> hook.idrRequests() == 1 && hook.referenceFrameInvalidations() == 1, "both requests arrive");
        await(() -> stream.count(ControlCounter.START_MESSAGES) == 1, "start B is recorded");
    }

    @Test
    void unknownMessagesAndFecStatusAreCountedAndTheStreamGoesOn() throws Exception {
        ControlStream stream = connect();
        client.send(0, 0x7777, new byte[3]);
        client.send(0, 0x5502, new byte[27]);
        client.sendRaw(0, new byte[] {2, 0, 0, 0});
        client.send(0, 0x0200, new byte[8]);
        await(() -> stream.count(ControlCounter.PINGS) == 1, "the ping after them is opened");
        assertEquals(1, stream.count(ControlCounter.UNKNOWN_MESSAGES));
        assertEquals(1, stream.count(ControlCounter.FEC_STATUS_REPORTS));
        assertEquals(1, stream.count(ControlCounter.UNREADABLE_MESSAGES));
        assertTrue(sessions.stopReason(session.id()).isEmpty());
    }

    @Test
    void aTamperedMessageStopsTheSession() throws Exception {
        connect();
        byte[] ping = client.seal(0x0200, new byte[8]);
        ping[ping.length - 1] ^= 1;
        client.sendRaw(0, ping);
        await(() -> sessions.stopReason(session.id()).isPresent(), "the session stops");
        assertEquals("control message failed authentication", sessions.stopReason(session.id()).get());
        assertEquals(DisconnectReason.RESET, client.disconnected.get(5, TimeUnit.SECONDS));
    }

    @Test
    void aKeyPressAndAMouseMoveReachTheInputSinksAsEvents() throws Exception {
        ControlStream stream = connect();
        server.control().addInputSink(sink);
        client.send(2, 0x0206, input(0x03, ByteBuffer.allocate(6).order(ByteOrder.LITTLE_ENDIAN)
                .put((byte) 0).putShort((short) 0x8041).put((byte) InputEvent.MODIFIER_SHIFT).putShort((short) 0)
                .array()));
        client.send(3, 0x0206, input(0x07, ByteBuffer.allocate(4).putShort((short) -5).putShort((short) 7).array()));
        await(() -> sink.events.size() == 2, "both events arrive");
        // keyboard and mouse channels are not ordered with each other
        assertEquals(Set.of(new InputEvent.Key(true, 0x8041, InputEvent.MODIFIER_SHIFT),
                new InputEvent.MouseMove(-5, 7)), Set.copyOf(sink.events));
        assertEquals(List.of(session.id(), session.id()), sink.sessionIds);
        assertEquals(2, stream.count(ControlCounter.INPUT_EVENTS));
    }

    @Test
    void malformedAndUnknownInputIsCountedAndTheStreamGoesOn() throws Exception {
        ControlStream stream = connect();
        server.control().addInputSink(sink);
        client.send(3, 0x0206, input(0x07, new byte[2]));
        client.send(3, 0x0206, new byte[] {0, 0, 0, 9, 7, 0, 0, 0, 0, 0});
        client.send(3, 0x0206, new byte[3]);
        client.send(3, 0x0206, input(0x55000003, new byte[24]));
        client.send(3, 0x0206, input(0x08, new byte[] {1}));
        await(() -> sink.events.size() == 1, "the well-formed event after them arrives");
        assertEquals(new InputEvent.MouseButton(true, 1), sink.events.get(0));
        assertEquals(3, stream.count(ControlCounter.MALFORMED_INPUT));
        assertEquals(1, stream.count(ControlCounter.IGNORED_INPUT));
        assertTrue(sessions.stopReason(session.id()).isEmpty());
    }

    @Test
    void inputNoSinkTakesIsDropped() throws Exception {
        ControlStream stream = connect();
        client.send(6, 0x0206, input(0x17, "hé".getBytes(StandardCharsets.UTF_8)));
        await(() -> stream.count(ControlCounter.DROPPED_INPUT) == 1, "the text is dropped");
    }

    @Test
    void aConnectedClientLearnsTheStreamIsSdr() throws Exception {
        connect();
        HostMessage hdrMode = client.received.poll(5, TimeUnit.SECONDS);
        assertNotNull(hdrMode, "the HDR mode message arrives");
        assertEquals(0, hdrMode.sequence(), "the host's first message");
        assertEquals(0x010E, hdrMode.type());
        assertArrayEquals(new byte[27], hdrMode.payload(), "disabled, without mastering metadata");
    }

    @Test
    void aStoppingSessionsClientGetsTheTerminationMessageAndIsDisconnected() throws Exception {
        connect();
        assertEquals(0x010E, client.received.poll(5, TimeUnit.SECONDS).type());
        server.sessionEvent(session, new SessionEvent(Instant.now(), SessionState.STOPPING, "force-disconnect",
                "admin", "test"));
        HostMessage termination = client.received.poll(5, TimeUnit.SECONDS);
        assertNotNull(termination, "the termination message arrives");
        assertEquals(1, termination.sequence(), "the host's second message");
        assertEquals(0x0109, termination.type());
        assertArrayEquals(new byte[] {(byte) 0x80, 0x03, 0x00, 0x23}, termination.payload());
        assertEquals(DisconnectReason.RESET, client.disconnected.get(5, TimeUnit.SECONDS));
        assertTrue(server.control().stream(session.id()).isEmpty());
    }

    @Test
    void aHostShuttingDownTellsEveryConnectedClientBeforeItCloses() throws Exception {
        connect();
        assertEquals(0x010E, client.received.poll(5, TimeUnit.SECONDS).type());
        server.control().close();
        HostMessage termination = client.received.poll(5, TimeUnit.SECONDS);
        assertNotNull(termination, "the termination message arrives");
        assertEquals(0x0109, termination.type());
        assertArrayEquals(new byte[] {(byte) 0x80, 0x03, 0x00, 0x23}, termination.payload());
        assertEquals(DisconnectReason.RESET, client.disconnected.get(5, TimeUnit.SECONDS));
    }

    @Test
    void aClientThatDisconnectsStopsTheSession() throws Exception {
        connect();
        client.disconnect();
        await(() -> sessions.stopReason(session.id()).isPresent(), "the session stops");
        assertEquals("client disconnected", sessions.stopReason(session.id()).get());
        assertTrue(server.control().stream(session.id()).isEmpty());
    }

    /** Launches, sets up the control stream and announces over plaintext RTSP; returns the connect data. */
    private int announce() throws Exception {
        session = launch(0);
        RtspTestClient rtsp = new RtspTestClient(port, null);
        RtspTestClient.Answer setup = rtsp.send(rtsp.request("SETUP", "streamid=control/13/0"));
        assertEquals("server_port=" + server.control().port(), setup.header("Transport"));
        String rtspSession = setup.header("Session").split(";")[0];
        assertEquals(200, rtsp.send(rtsp.announce(rtspSession, AnnounceBodies.body(AnnounceBodies.moonlight())))
                .status());
        return Integer.parseUnsignedInt(setup.header("X-SS-Connect-Data"));
    }

    private ControlStream connect() throws Exception {
        int connectData = announce();
        assertTrue(client.connect(server.control().port(), connectData).isSuccess(), "the ENet handshake completes");
        await(() -> server.control().stream(session.id()).isPresent(), "the session's stream opens");
        return server.control().stream(session.id()).orElseThrow();
    }

    /** BE32 size, LE32 magic, body. */
    private static byte[] input(int magic, byte[] body) {
        return ByteBuffer.allocate(8 + body.length).putInt(4 + body.length).order(ByteOrder.LITTLE_ENDIAN)
                .putInt(magic).put(body).array();
    }

    private static final class RecordingSink implements InputSink {

        final List<InputEvent> events = new CopyOnWriteArrayList<>();
        final List<String> sessionIds = new CopyOnWriteArrayList<>();

        @Override
        public String name() {
            return "recording";
        }

        @Override
        public boolean supports(Class<? extends InputEvent> kind) {
            return true;
        }

        @Override
        public void inject(String sessionId, InputEvent event) {
            sessionIds.add(sessionId);
            events.add(event);
        }
    }
}

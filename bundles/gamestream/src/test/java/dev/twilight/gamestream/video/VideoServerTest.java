package dev.twilight.gamestream.video;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twilight.api.media.AccessUnit;
import dev.twilight.api.media.StreamConfiguration;
import dev.twilight.api.media.VideoCodec;
import dev.twilight.api.session.SessionEvent;
import dev.twilight.api.session.SessionState;
import dev.twilight.api.session.StreamSession;
import dev.twilight.gamestream.control.ControlTestClient;
import dev.twilight.gamestream.rtsp.AnnounceBodies;
import dev.twilight.gamestream.rtsp.RtspServerFixture;
import dev.twilight.gamestream.rtsp.RtspTestClient;
import dev.twilight.gamestream.video.FramePipeline.FrameStream;
import dev.twilight.transport.crypto.VideoCipher;
import dev.twilight.transport.video.ReceivedVideoFrame;
import dev.twilight.transport.video.VideoDepacketizer;
import dev.twilight.transport.video.VideoFrameListener;
import dev.twilight.transport.video.VideoFrameType;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Video to a client socket as Moonlight's, after a session's RTSP ANNOUNCE and its first video ping. */
class VideoServerTest extends RtspServerFixture {

    /** The ANNOUNCE body's {@code packetSize}. */
    private static final int PACKET_SIZE = 1392;

    private final List<AccessUnit> units = List.of(unit(5000, true, 1), unit(700, false, 2), unit(40, false, 3));
    private FramePipeline frames;
    private DatagramSocket client;
    private StreamSession session;
    private String pingPayload;
    private int connectData;

    @BeforeEach
    void openClient() throws IOException {
        frames = new FramePipeline(pipeline, units);
        setVideoPipeline(frames);
        client = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
        client.setSoTimeout(5_000);
    }

    @AfterEach
    void closeClient() {
        client.close();
    }

    @Test
    void theAnnouncedStreamIsOpenedAndItsFramesArriveInOrderFromFrameOne() throws Exception {
        announce("1");
        ping(1);
        FrameStream stream = frames.opened.get(5, TimeUnit.SECONDS);
        assertEquals(new StreamConfiguration(1920, 1080, 60, stream.requested().bitrateKbps(), VideoCodec.HEVC, 1, 0,
                false), stream.requested());
        assertFrames(receiveFrames(PACKET_SIZE + 16, null));
    }

    @Test
    void encryptedVideoIsSealedWithTheSessionsKey() throws Exception {
        announce("3");
        ping(1);
        assertFrames(receiveFrames(PACKET_SIZE + 16 + VideoCipher.PREFIX_BYTES, new VideoCipher(KEY)));
    }

    @Test
    void anIdrRequestOnTheControlStreamReachesThePipelineStream() throws Exception {
        announce("1");
        ping(1);
        FrameStream stream = frames.opened.get(5, TimeUnit.SECONDS);
        await(() -> server.video().sender(session.id()).isPresent(), "the sender starts");
        try (ControlTestClient control = new ControlTestClient(KEY)) {
            assertTrue(control.connect(server.control().port(), connectData).isSuccess());
            control.send(1, 0x0302, new byte[2]);
            await(() -> stream.idrRequests.get() == 1, "the IDR request arrives");
        }
    }

    @Test
    void endingTheSessionClosesThePipelineStream() throws Exception {
        announce("1");
        ping(1);
        FrameStream stream = frames.opened.get(5, TimeUnit.SECONDS);
        server.sessionEvent(session, new SessionEvent(Instant.now(), SessionState.STOPPING, "force-disconnect",
                "admin", "test"));
        assertTrue(stream.closed.await(5, TimeUnit.SECONDS), "the stream is closed");
        await(() -> server.video().sender(session.id()).isEmpty(), "the sender is gone");
    }

    @Test
    void datagramsWithoutAnAnnouncedSessionsPayloadAreIgnored() throws Exception {
        announce("1");
        send("0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII));
        send(new byte[] {'P', 'I', 'N', 'G'});
        await(() -> server.video().ignoredDatagrams() == 2, "both are counted");
        assertFalse(frames.opened.isDone());
        assertTrue(server.video().sender(session.id()).isEmpty());
    }

    @Test
    void withoutAVideoPipelineTheSessionStops() throws Exception {
        announce("1");
        unsetVideoPipeline(frames);
        ping(1);
        await(() -> sessions.stopReason(session.id()).isPresent(), "the session stops");
        assertTrue(sessions.stopReason(session.id()).get().startsWith("video cannot start: no video pipeline"));
    }

    /** Launches, sets up video and control and announces over plaintext RTSP. */
    private void announce(String encryptionEnabled) throws Exception {
        session = launch(0);
        RtspTestClient rtsp = new RtspTestClient(port, null);
        RtspTestClient.Answer video = rtsp.send(rtsp.request("SETUP", "streamid=video/0/0"));
        assertEquals("server_port=" + server.video().port(), video.header("Transport"));
        RtspTestClient.Answer control = rtsp.send(rtsp.request("SETUP", "streamid=control/13/0"));
        connectData = Integer.parseUnsignedInt(control.header("X-SS-Connect-Data"));
        Map<String, String> attributes = AnnounceBodies.moonlight();
        attributes.put("x-ss-general.encryptionEnabled", encryptionEnabled);
        String rtspSession = control.header("Session").split(";")[0];
        assertEquals(200, rtsp.send(rtsp.announce(rtspSession, AnnounceBodies.body(attributes))).status());
        pingPayload = handshake(session).pingPayload();
    }

    private void ping(int counter) throws IOException {
        send(ByteBuffer.allocate(20).put(pingPayload.getBytes(StandardCharsets.US_ASCII)).putInt(counter).array());
    }

    private void send(byte[] datagram) throws IOException {
        client.send(new DatagramPacket(datagram, datagram.length, new InetSocketAddress("127.0.0.1",
                server.video().port())));
    }

    /** Receives until the three frames are complete; every datagram must be {@code datagramBytes} long. */
    private List<ReceivedVideoFrame> receiveFrames(int datagramBytes, VideoCipher cipher) throws IOException {
        List<ReceivedVideoFrame> received = new ArrayList<>();
        VideoDepacketizer depacketizer = new VideoDepacketizer(PACKET_SIZE, cipher, new VideoFrameListener() {
            @Override
            public void frameReceived(ReceivedVideoFrame frame) {
                received.add(frame);
            }

            @Override
            public void framesLost(long firstFrameIndex, long lastFrameIndex) {
                throw new AssertionError("frames " + firstFrameIndex + "-" + lastFrameIndex + " lost");
            }
        });
        byte[] buffer = new byte[65_536];
        while (received.size() < units.size()) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                client.receive(packet);
            } catch (SocketTimeoutException e) {
                throw new AssertionError("only " + received.size() + " frames arrived", e);
            }
            assertEquals(datagramBytes, packet.getLength());
            depacketizer.accept(packet.getData(), packet.getOffset(), packet.getLength());
        }
        return received;
    }

    private void assertFrames(List<ReceivedVideoFrame> received) {
        for (int i = 0; i < units.size(); i++) {
            ReceivedVideoFrame frame = received.get(i);
            assertEquals(i + 1, frame.frameIndex());
            assertEquals(i == 0 ? VideoFrameType.IDR : VideoFrameType.P_FRAME, frame.frameType());
            assertArrayEquals(units.get(i).data(), frame.data());
        }
    }

    private static AccessUnit unit(int bytes, boolean keyFrame, long frameNumber) {
        byte[] data = new byte[bytes];
        new Random(frameNumber).nextBytes(data);
        long now = System.nanoTime();
        return new AccessUnit(VideoCodec.HEVC, data, keyFrame, frameNumber, now, now, "test");
    }
}

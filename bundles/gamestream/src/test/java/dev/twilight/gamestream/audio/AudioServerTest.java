package dev.twilight.gamestream.audio;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_OPUS;
import static org.bytedeco.ffmpeg.global.avcodec.av_new_packet;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_default;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twilight.api.session.SessionEvent;
import dev.twilight.api.session.SessionState;
import dev.twilight.api.session.StreamSession;
import dev.twilight.gamestream.rtsp.AnnounceBodies;
import dev.twilight.gamestream.rtsp.RtspServerFixture;
import dev.twilight.gamestream.rtsp.RtspTestClient;
import dev.twilight.transport.audio.AudioDepacketizer;
import dev.twilight.transport.audio.AudioPacketListener;
import dev.twilight.transport.audio.ReceivedAudioPacket;
import dev.twilight.transport.crypto.AudioCipher;
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
import java.util.Optional;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Audio to a client socket as Moonlight's, after a session's RTSP ANNOUNCE and its first audio ping. */
class AudioServerTest extends RtspServerFixture {

    /** The fixture's {@code rikeyid}. */
    private static final int KEY_ID = 42;
    private static final int PACKET_MS = 5;

    private DatagramSocket client;
    private StreamSession session;
    private String pingPayload;

    @BeforeEach
    void openClient() throws IOException {
        client = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
        client.setSoTimeout(2_000);
    }

    @AfterEach
    void closeClient() {
        client.close();
    }

    @Test
    void aPingedSessionReceivesStereoOpusThatDecodes() throws Exception {
        server.audio().addSource(new ToneSource(AudioSources.TONE));
        announce("1");
        ping();
        assertDecodes(receive(200, null), 2);
    }

    @Test
    void encryptedAudioDecryptsWithTheSessionsKeyAndDecodes() throws Exception {
        server.audio().addSource(new ToneSource(AudioSources.TONE));
        announce("5");
        ping();
        assertDecodes(receive(200, new AudioCipher(KEY, KEY_ID)), 2);
    }

    @Test
    void endingTheSessionStopsThePackets() throws Exception {
        server.audio().addSource(new ToneSource(AudioSources.TONE));
        announce("1");
        ping();
        assertFalse(receive(50, null).isEmpty());
        server.sessionEvent(session, new SessionEvent(Instant.now(), SessionState.STOPPING, "force-disconnect",
                "admin", "test"));
        long deadline = System.nanoTime() + 3_000_000_000L;
        while (server.audio().sending(session.id()) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertFalse(server.audio().sending(session.id()));
        Thread.sleep(300);
        drain();
        client.setSoTimeout(200);
        assertThrows(client, "no audio after the session ended");
    }

    @Test
    void aSystemSourceIsPreferredToTheToneAndWhenItGoesTheStreamMovesToTheToneWithinTheSession() throws Exception {
        ToneSource system = new ToneSource("system");
        server.audio().addSource(new ToneSource(AudioSources.TONE));
        server.audio().addSource(system);
        announce("1");
        ping();
        await(() -> Optional.of("system").equals(server.audio().sourceOf(session.id())), "it captures from 'system'");
        assertDecodes(receive(100, null), 2);
        // as SCR does when the source's bundle stops: unbind, then deactivate, which closes its captures
        server.audio().removeSource(system);
        system.close();
        await(() -> Optional.of(AudioSources.TONE).equals(server.audio().sourceOf(session.id())),
                "it captures from the tone");
        drain();
        client.setSoTimeout(2_000);
        assertDecodes(receive(100, null), 2);
        assertTrue(sessions.stopReason(session.id()).isEmpty(), "the session goes on");
    }

    @Test
    void withoutAnySourceNothingIsSentAndTheSessionGoesOnUntilOneComes() throws Exception {
        announce("1");
        ping();
        await(() -> server.audio().sending(session.id()), "the sender runs");
        client.setSoTimeout(300);
        assertThrows(client, "no audio without a source");
        assertTrue(sessions.stopReason(session.id()).isEmpty(), "the session goes on");
        server.audio().addSource(new ToneSource(AudioSources.TONE));
        client.setSoTimeout(2_000);
        assertDecodes(receive(100, null), 2);
    }

    @Test
    void datagramsWithoutAnAnnouncedSessionsPayloadAreIgnored() throws Exception {
        announce("1");
        send("0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII));
        send(new byte[] {'P', 'I', 'N', 'G'});
        long deadline = System.nanoTime() + 3_000_000_000L;
        while (server.audio().ignoredDatagrams() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(2, server.audio().ignoredDatagrams());
        assertFalse(server.audio().sending(session.id()));
    }

    private void announce(String encryptionEnabled) throws Exception {
        session = launch(0);
        RtspTestClient rtsp = new RtspTestClient(port, null);
        RtspTestClient.Answer audio = rtsp.send(rtsp.request("SETUP", "streamid=audio/0/0"));
        assertEquals("server_port=" + server.audio().port(), audio.header("Transport"));
        rtsp.send(rtsp.request("SETUP", "streamid=video/0/0"));
        RtspTestClient.Answer control = rtsp.send(rtsp.request("SETUP", "streamid=control/13/0"));
        Map<String, String> attributes = AnnounceBodies.moonlight();
        attributes.put("x-ss-general.encryptionEnabled", encryptionEnabled);
        // without the legacy audio encryption bit 0x20, so encryptionEnabled alone decides
        attributes.put("x-nv-general.featureFlags", "135");
        attributes.put("x-nv-audio.surround.numChannels", "2");
        attributes.put("x-nv-audio.surround.channelMask", "3");
        attributes.put("x-nv-aqos.packetDuration", String.valueOf(PACKET_MS));
        String rtspSession = control.header("Session").split(";")[0];
        assertEquals(200, rtsp.send(rtsp.announce(rtspSession, AnnounceBodies.body(attributes))).status());
        pingPayload = handshake(session).pingPayload();
    }

    private void ping() throws IOException {
        send(ByteBuffer.allocate(20).put(pingPayload.getBytes(StandardCharsets.US_ASCII)).putInt(1).array());
    }

    private void send(byte[] datagram) throws IOException {
        client.send(new DatagramPacket(datagram, datagram.length,
                new InetSocketAddress("127.0.0.1", server.audio().port())));
    }

    /** Receives for {@code millis} after the first packet; returns the depacketized Opus payloads. */
    private List<byte[]> receive(long millis, AudioCipher cipher) throws IOException {
        List<byte[]> opus = new ArrayList<>();
        AudioDepacketizer depacketizer = new AudioDepacketizer(PACKET_MS, cipher, new AudioPacketListener() {
            @Override
            public void packetReceived(ReceivedAudioPacket packet) {
                opus.add(packet.opus().clone());
            }

            @Override
            public void packetsLost(int firstSequenceNumber, int count) {
            }
        });
        byte[] buffer = new byte[2048];
        long end = -1;
        while (end < 0 || System.nanoTime() < end) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            client.receive(packet);
            if (end < 0) {
                end = System.nanoTime() + millis * 1_000_000;
            }
            depacketizer.accept(packet.getData(), packet.getOffset(), packet.getLength());
        }
        return opus;
    }

    private void drain() throws IOException {
        client.setSoTimeout(1);
        try {
            while (true) {
                client.receive(new DatagramPacket(new byte[2048], 2048));
            }
        } catch (SocketTimeoutException e) {
            // empty
        }
    }

    private static void assertThrows(DatagramSocket socket, String why) {
        org.junit.jupiter.api.Assertions.assertThrows(SocketTimeoutException.class,
                () -> socket.receive(new DatagramPacket(new byte[2048], 2048)), why);
    }

    private static void assertDecodes(List<byte[]> payloads, int channels) {
        assertTrue(payloads.size() >= 10, "only " + payloads.size() + " packets");
        AVCodecContext decoder = avcodec_alloc_context3(avcodec_find_decoder(AV_CODEC_ID_OPUS));
        AVPacket packet = av_packet_alloc();
        AVFrame frame = av_frame_alloc();
        try {
            decoder.sample_rate(48_000);
            av_channel_layout_default(decoder.ch_layout(), channels);
            assertEquals(0, avcodec_open2(decoder, avcodec_find_decoder(AV_CODEC_ID_OPUS),
                    (org.bytedeco.ffmpeg.avutil.AVDictionary) null));
            long samples = 0;
            for (byte[] opus : payloads) {
                assertEquals(0, av_new_packet(packet, opus.length));
                packet.data().put(opus);
                int sent = avcodec_send_packet(decoder, packet);
                assertEquals(0, sent, "packet " + payloads.indexOf(opus) + " of " + payloads.size() + ", "
                        + opus.length + " bytes, TOC " + Integer.toHexString(opus[0] & 0xFF));
                while (avcodec_receive_frame(decoder, frame) == 0) {
                    assertEquals(channels, frame.ch_layout().nb_channels());
                    samples += frame.nb_samples();
                }
            }
            // the decoder may hand its output over in frames of another size, but all of it comes out
            long sent = (long) payloads.size() * 48_000 * PACKET_MS / 1000;
            assertTrue(samples >= sent - 2 * 48_000 * PACKET_MS / 1000 && samples <= sent,
                    samples + " samples decoded from " + sent);
        } finally {
            av_frame_free(frame);
            av_packet_free(packet);
            avcodec_free_context(decoder);
        }
    }
}

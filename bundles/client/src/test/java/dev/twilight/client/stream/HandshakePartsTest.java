package dev.twilight.client.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twilight.api.client.StreamSettings;
import dev.twilight.api.media.VideoCodec;
import dev.twilight.gamestream.crypto.StreamEncryption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The DESCRIBE reply read, the encryption chosen from it, and the ANNOUNCE body written. */
class HandshakePartsTest {

    /** What a Sunshine-type host lists, this host's lines included. */
    private static final String DESCRIBE = "a=x-ss-general.featureFlags:0\r\n"
            + "a=x-ss-general.encryptionSupported:7\r\n"
            + "a=x-ss-general.encryptionRequested:1\r\n"
            + "sprop-parameter-sets=AAAAAU\r\n"
            + "a=fmtp:97 surround-params=21101\r\n";

    @Test
    void describeListsEncryptionAndCodecs() {
        HostCapabilities capabilities = HostCapabilities.parse(DESCRIBE);
        assertEquals(new HostCapabilities(7, 1, true, false), capabilities);
        assertTrue(capabilities.offers(VideoCodec.H264));
        assertTrue(capabilities.offers(VideoCodec.HEVC));
        assertFalse(capabilities.offers(VideoCodec.AV1));
        assertEquals(new HostCapabilities(0, 0, false, false), HostCapabilities.parse("a=x-ss-general.encryptionSupported:x"));
    }

    @Test
    void controlAndAudioAreEncryptedAndVideoOnlyWhenTheHostAsks() {
        assertEquals(StreamEncryption.CONTROL_V2 | StreamEncryption.AUDIO,
                RtspHandshake.encryptionToEnable(new HostCapabilities(7, 1, false, false)));
        assertEquals(7, RtspHandshake.encryptionToEnable(new HostCapabilities(7, 7, false, false)));
        assertEquals(StreamEncryption.CONTROL_V2,
                RtspHandshake.encryptionToEnable(new HostCapabilities(1, 6, false, false)), "never unsupported bits");
    }

    @Test
    void announceCarriesEveryAttributeAHostRequiresEachFollowedByASpace() {
        StreamSettings settings = new StreamSettings(1920, 1080, 60, 20_000, VideoCodec.HEVC, 1392, 6, 10, 0);
        String body = AnnounceBody.build(settings, "192.168.1.10", false, 47998, 1360, 5);

        assertTrue(body.startsWith("v=0\r\no=android 0 14 IN IPv4 192.168.1.10\r\ns=NVIDIA Streaming Client\r\n"));
        assertTrue(body.endsWith("t=0 0\r\nm=video 47998  \r\n"));
        Map<String, String> attributes = new HashMap<>();
        for (String line : body.split("\r\n")) {
            if (line.startsWith("a=")) {
                assertTrue(line.endsWith(" "), line);
                attributes.put(line.substring(2, line.indexOf(':')), line.substring(line.indexOf(':') + 1).strip());
            }
        }
        for (String required : List.of("x-nv-video[0].clientViewportWd", "x-nv-video[0].clientViewportHt",
                "x-nv-video[0].maxFPS", "x-nv-video[0].packetSize", "x-nv-vqos[0].bw.maximumBitrateKbps",
                "x-nv-video[0].videoEncoderSlicesPerFrame", "x-nv-video[0].maxNumReferenceFrames",
                "x-nv-audio.surround.numChannels", "x-nv-audio.surround.channelMask",
                "x-nv-audio.surround.AudioQuality")) {
            assertTrue(attributes.containsKey(required), required);
        }
        assertEquals("1360", attributes.get("x-nv-video[0].packetSize"));
        assertEquals("1", attributes.get("x-nv-vqos[0].bitStreamFormat"));
        assertEquals("13", attributes.get("x-nv-general.useReliableUdp"));
        assertEquals("5", attributes.get("x-ss-general.encryptionEnabled"));
        assertEquals("2", attributes.get("x-ml-general.featureFlags"));
        assertEquals("6", attributes.get("x-nv-audio.surround.numChannels"));
        assertEquals(Integer.toString(0x3F), attributes.get("x-nv-audio.surround.channelMask"));
        assertEquals("10", attributes.get("x-nv-aqos.packetDuration"));
        assertEquals("20000", attributes.get("x-ml-video.configuredBitrateKbps"));
    }

    @Test
    void repliesKeepHeaderNamesAndSplitTheBody() {
        RtspResponse reply = RtspResponse.parse(("RTSP/1.0 200 OK\r\nCSeq: 3\r\nTransport: server_port=47998\r\n"
                + "X-SS-Ping-Payload: 0123456789ABCDEF\r\n\r\na=x:1\r\n").getBytes());
        assertEquals(200, reply.status());
        assertEquals("server_port=47998", reply.required("Transport"));
        assertEquals("0123456789ABCDEF", reply.required("X-SS-Ping-Payload"));
        assertEquals("a=x:1\r\n", reply.body());
        assertFalse(reply.header("Session").isPresent());
        assertEquals(455, RtspResponse.parse("RTSP/1.0 455 Method Not Valid\r\nCSeq: 1\r\n\r\n".getBytes()).status());
    }
}

package dev.twilight.gamestream.rtsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class AnnounceBodyTest {

    @Test
    void everyAttributeMoonlightSendsIsRead() {
        StreamParameters parameters = AnnounceBody.parse(AnnounceBodies.body(AnnounceBodies.moonlight()), "127.0.0.1");
        assertEquals(new StreamParameters(1920, 1080, 60, 5994, 1392, VideoCodec.HEVC, false, false, false, 1, 0, 3,
                2, 20, 16000, 20000, 13964, 6, 63, true, 5,
                StreamParameters.ENCRYPT_CONTROL_V2 | StreamParameters.ENCRYPT_AUDIO, 3, 167, 13, 5, 4), parameters);
        assertTrue(parameters.encryptedControl());
        assertTrue(parameters.identifiesBySessionId());
        assertTrue(parameters.encrypted(StreamParameters.ENCRYPT_AUDIO), "legacy featureFlags bit 0x20");
        assertFalse(parameters.encrypted(StreamParameters.ENCRYPT_VIDEO));
        assertEquals(1, parameters.colorSpace());
        assertTrue(parameters.fullRange());
    }

    @Test
    void theOtherVideoAttributesAreReadToo() {
        Map<String, String> attributes = AnnounceBodies.moonlight();
        attributes.put("x-ss-general.encryptionEnabled", "7");
        attributes.put("x-nv-general.featureFlags", "135");
        attributes.put("x-ss-video[0].chromaSamplingType", "1");
        attributes.put("x-ss-video[0].intraRefresh", "1");
        attributes.put("x-nv-video[0].dynamicRangeMode", "1");
        attributes.put("x-nv-vqos[0].bitStreamFormat", "2");
        attributes.put("x-nv-video[0].encoderCscMode", "4");
        attributes.put("x-nv-video[0].maxNumReferenceFrames", "1");
        attributes.put("x-nv-video[0].videoEncoderSlicesPerFrame", "4");
        attributes.put("x-nv-vqos[0].qosTrafficType", "0");
        attributes.put("x-nv-aqos.qosTrafficType", "0");
        attributes.put("x-nv-aqos.packetDuration", "10");
        StreamParameters parameters = AnnounceBody.parse(AnnounceBodies.body(attributes), null);
        assertEquals(VideoCodec.AV1, parameters.codec());
        assertTrue(parameters.yuv444() && parameters.intraRefresh() && parameters.hdr());
        assertEquals(7, parameters.encryptionEnabled());
        assertEquals(2, parameters.colorSpace());
        assertFalse(parameters.fullRange());
        assertEquals(1, parameters.maxReferenceFrames());
        assertEquals(4, parameters.slicesPerFrame());
        assertEquals(0, parameters.videoQosType());
        assertEquals(0, parameters.audioQosType());
        assertEquals(10, parameters.audioPacketDurationMs());
    }

    @Test
    void optionalAttributesTakeTheHostsDefaults() {
        String body = "v=0\r\na=x-nv-video[0].clientViewportWd:1280 \r\na=x-nv-video[0].clientViewportHt:720 \r\n"
                + "a=x-nv-video[0].maxFPS:30 \r\na=x-nv-video[0].packetSize:1024 \r\n"
                + "a=x-nv-vqos[0].bw.maximumBitrateKbps:5000 \r\na=x-nv-video[0].videoEncoderSlicesPerFrame:1 \r\n"
                + "a=x-nv-video[0].maxNumReferenceFrames:1 \r\na=x-nv-audio.surround.numChannels:2 \r\n"
                + "a=x-nv-audio.surround.channelMask:3 \r\na=x-nv-audio.surround.AudioQuality:0 \r\nt=0 0\r\n";
        StreamParameters parameters = AnnounceBody.parse(body, null);
        assertEquals(new StreamParameters(1280, 720, 30, 0, 1024, VideoCodec.H264, false, false, false, 1, 1, 0,
                0, 20, 5000, 0, 5000, 2, 3, false, 5, 0, 0, 135, 1, 5, 4), parameters);
        assertFalse(parameters.encryptedControl());
        assertFalse(parameters.identifiesBySessionId());
    }

    @Test
    void stereoQualityFollowsTheHostHeaderAndSurroundQualityTheAttribute() {
        Map<String, String> stereo = AnnounceBodies.moonlight();
        stereo.put("x-nv-audio.surround.numChannels", "2");
        stereo.put("x-nv-audio.surround.channelMask", "3");
        stereo.put("x-nv-audio.surround.AudioQuality", "0");
        assertTrue(AnnounceBody.parse(AnnounceBodies.body(stereo), "192.168.1.10").highQualityAudio());
        assertFalse(AnnounceBody.parse(AnnounceBodies.body(stereo), "0.0.0.0").highQualityAudio());

        Map<String, String> surround = AnnounceBodies.moonlight();
        surround.put("x-nv-audio.surround.AudioQuality", "0");
        assertFalse(AnnounceBody.parse(AnnounceBodies.body(surround), "192.168.1.10").highQualityAudio());
    }

    @Test
    void theHostChoosesTheBitrateWhenTheClientSentItsConfiguredOne() {
        // 100000 less 20 % FEC = 80000, less 8 × 96 audio = 79232, less 500 overhead
        assertEquals(78732, AnnounceBody.videoBitrate(100000, 8, false));
        // small bitrates: audio takes at most 20 %, overhead at most 10 %
        assertEquals(720, AnnounceBody.videoBitrate(1250, 8, true));
        Map<String, String> attributes = AnnounceBodies.moonlight();
        attributes.remove("x-ml-video.configuredBitrateKbps");
        assertEquals(16000, AnnounceBody.parse(AnnounceBodies.body(attributes), null).videoBitrateKbps(),
                "without one, the client's maximum");
    }

    @Test
    void aRefreshRateFarFromTheFrameRateIsDropped() {
        Map<String, String> attributes = AnnounceBodies.moonlight();
        attributes.put("x-nv-video[0].clientRefreshRateX100", "12000");
        assertEquals(0, AnnounceBody.parse(AnnounceBodies.body(attributes), null).refreshRateX100());
        attributes.put("x-nv-video[0].clientRefreshRateX100", "6060");
        assertEquals(6060, AnnounceBody.parse(AnnounceBodies.body(attributes), null).refreshRateX100());
    }

    @Test
    void attributesSplitAtTheFirstColonAndTheFirstOfRepeatedNamesCounts() {
        Map<String, String> attributes = AnnounceBody.attributes(
                "a=x-nv-general.serverAddress:rtsp://10.0.0.1:48010 \r\na=x:1 \na=x:2 \r\na=nocolon\r\nb=y:3\r\n");
        assertEquals(Map.of("x-nv-general.serverAddress", "rtsp://10.0.0.1:48010", "x", "1"), attributes);
    }

    @Test
    void missingAndInvalidValuesAreNamed() {
        RtspException empty = assertThrows(RtspException.class, () -> AnnounceBody.parse("v=0\r\n", null));
        assertEquals(400, empty.status());
        assertEquals("ANNOUNCE lacks the required attributes x-nv-video[0].clientViewportWd, "
                + "x-nv-video[0].clientViewportHt, x-nv-video[0].maxFPS, x-nv-video[0].packetSize, "
                + "x-nv-vqos[0].bw.maximumBitrateKbps, x-nv-video[0].videoEncoderSlicesPerFrame, "
                + "x-nv-video[0].maxNumReferenceFrames, x-nv-audio.surround.numChannels, "
                + "x-nv-audio.surround.channelMask, x-nv-audio.surround.AudioQuality", empty.getMessage());

        assertInvalid("x-nv-video[0].clientViewportWd", "0", "at least 1, got '0'");
        assertInvalid("x-nv-video[0].maxFPS", "60.0", "got '60.0'");
        assertInvalid("x-nv-video[0].packetSize", "16", "at least 17");
        assertInvalid("x-nv-vqos[0].bitStreamFormat", "3", "0 H.264, 1 HEVC, 2 AV1");
        assertInvalid("x-nv-audio.surround.numChannels", "4", "must be 2, 6 or 8");
        assertInvalid("x-ss-general.encryptionEnabled", "-1", "bit mask, got '-1'");
        assertInvalid("x-nv-vqos[0].bw.maximumBitrateKbps", "99999999999", "got '99999999999'");
    }

    private static void assertInvalid(String name, String value, String expected) {
        Map<String, String> attributes = AnnounceBodies.moonlight();
        attributes.put(name, value);
        RtspException error = assertThrows(RtspException.class,
                () -> AnnounceBody.parse(AnnounceBodies.body(attributes), null));
        assertEquals(400, error.status());
        assertTrue(error.getMessage().contains(name) && error.getMessage().contains(expected), error.getMessage());
    }
}

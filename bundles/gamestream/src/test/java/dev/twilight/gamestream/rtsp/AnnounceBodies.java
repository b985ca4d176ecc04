package dev.twilight.gamestream.rtsp;

import java.util.LinkedHashMap;
import java.util.Map;

/** ANNOUNCE bodies as moonlight-common-c writes them for a Sunshine-type host (GameStream 7.1.431.-1). */
public final class AnnounceBodies {

    private AnnounceBodies() {
    }

    /**
     * A 1080p60 HEVC stream with 5.1 high-quality audio at 20 Mbps, control and audio encryption, in the order
     * the client writes them; mutable, for tests to change.
     */
    public static Map<String, String> moonlight() {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("x-ml-general.featureFlags", "3");
        attributes.put("x-ss-general.encryptionEnabled", "1");
        attributes.put("x-ss-video[0].chromaSamplingType", "0");
        attributes.put("x-nv-video[0].clientViewportWd", "1920");
        attributes.put("x-nv-video[0].clientViewportHt", "1080");
        attributes.put("x-nv-video[0].maxFPS", "60");
        attributes.put("x-nv-video[0].packetSize", "1392");
        attributes.put("x-nv-video[0].rateControlMode", "4");
        attributes.put("x-nv-video[0].timeoutLengthMs", "7000");
        attributes.put("x-nv-video[0].framesWithInvalidRefThreshold", "0");
        attributes.put("x-nv-video[0].initialBitrateKbps", "16000");
        attributes.put("x-nv-video[0].initialPeakBitrateKbps", "16000");
        attributes.put("x-nv-vqos[0].bw.minimumBitrateKbps", "16000");
        attributes.put("x-nv-vqos[0].bw.maximumBitrateKbps", "16000");
        attributes.put("x-ml-video.configuredBitrateKbps", "20000");
        attributes.put("x-nv-vqos[0].fec.enable", "1");
        attributes.put("x-nv-vqos[0].videoQualityScoreUpdateTime", "5000");
        attributes.put("x-nv-vqos[0].qosTrafficType", "5");
        attributes.put("x-nv-aqos.qosTrafficType", "4");
        attributes.put("x-nv-general.featureFlags", "167");
        attributes.put("x-nv-general.useReliableUdp", "13");
        attributes.put("x-nv-vqos[0].fec.minRequiredFecPackets", "2");
        attributes.put("x-nv-vqos[0].bllFec.enable", "0");
        attributes.put("x-nv-vqos[0].drc.enable", "0");
        attributes.put("x-nv-general.enableRecoveryMode", "0");
        attributes.put("x-nv-video[0].videoEncoderSlicesPerFrame", "1");
        attributes.put("x-nv-clientSupportHevc", "1");
        attributes.put("x-nv-vqos[0].bitStreamFormat", "1");
        attributes.put("x-nv-video[0].dynamicRangeMode", "0");
        attributes.put("x-nv-video[0].maxNumReferenceFrames", "0");
        attributes.put("x-nv-video[0].clientRefreshRateX100", "5994");
        attributes.put("x-nv-audio.surround.numChannels", "6");
        attributes.put("x-nv-audio.surround.channelMask", "63");
        attributes.put("x-nv-audio.surround.enable", "1");
        attributes.put("x-nv-audio.surround.AudioQuality", "1");
        attributes.put("x-nv-aqos.packetDuration", "5");
        attributes.put("x-nv-video[0].encoderCscMode", "3");
        return attributes;
    }

    /** The SDP: each attribute as {@code a=name:value} followed by a space, between the client's fixed lines. */
    public static String body(Map<String, String> attributes) {
        StringBuilder body = new StringBuilder("v=0\r\no=android 0 14 IN IPv4 127.0.0.1\r\n"
                + "s=NVIDIA Streaming Client\r\n");
        attributes.forEach((name, value) -> body.append("a=").append(name).append(':').append(value).append(" \r\n"));
        return body.append("t=0 0\r\nm=video 47998  \r\n").toString();
    }
}

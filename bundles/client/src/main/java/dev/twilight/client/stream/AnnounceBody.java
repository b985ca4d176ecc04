package dev.twilight.client.stream;

import dev.twilight.api.client.LaunchRequest;
import dev.twilight.api.client.StreamSettings;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The SDP-like body of the client's RTSP ANNOUNCE (fact sheet §1.5): the attributes a Sunshine-type host reads,
 * required ones included, each written {@code a=<name>:<value>} followed by a space, as Moonlight writes them.
 */
final class AnnounceBody {

    /** The client sends frames' FEC status (0x01, not done here) and finds its streams by ping payload and connect data (0x02). */
    private static final int ML_FEATURE_SESSION_ID_V1 = 0x02;
    /** {@code useReliableUdp} of the encrypted control stream (7.1.431 and later). */
    private static final int ENCRYPTED_CONTROL_PROTOCOL = 13;
    private static final int NV_FEATURE_FLAGS = 0x87;
    /** Parity packets a FEC block must carry at least, as Moonlight asks. */
    private static final int MIN_FEC_PACKETS = 2;
    /** This client cannot invalidate reference frames: the encoder must keep to one reference. */
    private static final int SINGLE_REFERENCE_FRAME = 1;

    private AnnounceBody() {
    }

    /**
     * @param hostAddress         the host's IP address, as the origin line carries it
     * @param ipv6                whether that address is IPv6
     * @param videoPort           the host's video port from SETUP
     * @param packetSize          the video packet size to announce
     * @param encryptionEnabled   the {@code x-ss-general.encryptionEnabled} bits this client turns on
     */
    static String build(StreamSettings settings, String hostAddress, boolean ipv6, int videoPort, int packetSize,
                        int encryptionEnabled) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("x-ml-general.featureFlags", ML_FEATURE_SESSION_ID_V1);
        attributes.put("x-ss-general.encryptionEnabled", encryptionEnabled);
        attributes.put("x-nv-video[0].clientViewportWd", settings.width());
        attributes.put("x-nv-video[0].clientViewportHt", settings.height());
        attributes.put("x-nv-video[0].maxFPS", settings.fps());
        attributes.put("x-nv-video[0].clientRefreshRateX100", settings.fps() * 100);
        attributes.put("x-nv-video[0].packetSize", packetSize);
        attributes.put("x-nv-vqos[0].bw.minimumBitrateKbps", settings.bitrateKbps());
        attributes.put("x-nv-vqos[0].bw.maximumBitrateKbps", settings.bitrateKbps());
        attributes.put("x-ml-video.configuredBitrateKbps", settings.bitrateKbps());
        attributes.put("x-nv-vqos[0].fec.minRequiredFecPackets", MIN_FEC_PACKETS);
        attributes.put("x-nv-vqos[0].bitStreamFormat", settings.codec().bitstreamFormat());
        attributes.put("x-nv-video[0].videoEncoderSlicesPerFrame", 1);
        attributes.put("x-nv-video[0].maxNumReferenceFrames", SINGLE_REFERENCE_FRAME);
        attributes.put("x-nv-video[0].dynamicRangeMode", 0);
        attributes.put("x-ss-video[0].chromaSamplingType", 0);
        attributes.put("x-nv-video[0].encoderCscMode", 0);
        attributes.put("x-nv-general.featureFlags", NV_FEATURE_FLAGS);
        attributes.put("x-nv-general.useReliableUdp", ENCRYPTED_CONTROL_PROTOCOL);
        attributes.put("x-nv-audio.surround.numChannels", settings.audioChannels());
        attributes.put("x-nv-audio.surround.channelMask", LaunchRequest.channelMask(settings.audioChannels()));
        attributes.put("x-nv-audio.surround.enable", settings.audioChannels() > 2 ? 1 : 0);
        attributes.put("x-nv-audio.surround.AudioQuality", 0);
        attributes.put("x-nv-aqos.packetDuration", settings.audioPacketDurationMs());
        StringBuilder body = new StringBuilder("v=0\r\n")
                .append("o=android 0 14 IN ").append(ipv6 ? "IPv6 " : "IPv4 ").append(hostAddress).append("\r\n")
                .append("s=NVIDIA Streaming Client\r\n");
        attributes.forEach((name, value) -> body.append("a=").append(name).append(':').append(value).append(" \r\n"));
        return body.append("t=0 0\r\n").append("m=video ").append(videoPort).append("  \r\n").toString();
    }
}

package dev.twilight.gamestream.rtsp;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the SDP body of an RTSP ANNOUNCE into {@link StreamParameters}: every {@code a=<name>:<value>} line, the
 * host's defaults for the optional attributes, and the host's bitrate and audio-quality decisions.
 */
final class AnnounceBody {

    private static final String WIDTH = "x-nv-video[0].clientViewportWd";
    private static final String HEIGHT = "x-nv-video[0].clientViewportHt";
    private static final String FPS = "x-nv-video[0].maxFPS";
    private static final String REFRESH_RATE_X100 = "x-nv-video[0].clientRefreshRateX100";
    private static final String PACKET_SIZE = "x-nv-video[0].packetSize";
    private static final String BITSTREAM_FORMAT = "x-nv-vqos[0].bitStreamFormat";
    private static final String DYNAMIC_RANGE = "x-nv-video[0].dynamicRangeMode";
    private static final String CHROMA_SAMPLING = "x-ss-video[0].chromaSamplingType";
    private static final String INTRA_REFRESH = "x-ss-video[0].intraRefresh";
    private static final String SLICES = "x-nv-video[0].videoEncoderSlicesPerFrame";
    private static final String REFERENCE_FRAMES = "x-nv-video[0].maxNumReferenceFrames";
    private static final String CSC_MODE = "x-nv-video[0].encoderCscMode";
    private static final String MIN_FEC_PACKETS = "x-nv-vqos[0].fec.minRequiredFecPackets";
    private static final String MAXIMUM_BITRATE = "x-nv-vqos[0].bw.maximumBitrateKbps";
    private static final String CONFIGURED_BITRATE = "x-ml-video.configuredBitrateKbps";
    private static final String AUDIO_CHANNELS = "x-nv-audio.surround.numChannels";
    private static final String AUDIO_CHANNEL_MASK = "x-nv-audio.surround.channelMask";
    private static final String AUDIO_QUALITY = "x-nv-audio.surround.AudioQuality";
    private static final String AUDIO_PACKET_DURATION = "x-nv-aqos.packetDuration";
    private static final String ENCRYPTION_ENABLED = "x-ss-general.encryptionEnabled";
    private static final String ML_FEATURE_FLAGS = "x-ml-general.featureFlags";
    private static final String NV_FEATURE_FLAGS = "x-nv-general.featureFlags";
    private static final String CONTROL_PROTOCOL = "x-nv-general.useReliableUdp";
    private static final String VIDEO_QOS = "x-nv-vqos[0].qosTrafficType";
    private static final String AUDIO_QOS = "x-nv-aqos.qosTrafficType";

    /** What the video plane adds as parity (Sunshine's default); the bitrate rule leaves room for it. */
    private static final int FEC_PERCENTAGE = 20;
    /** Legacy {@code x-nv-general.featureFlags} bit by which older clients ask for audio encryption. */
    private static final int NV_AUDIO_ENCRYPTION = 0x20;
    /** What Moonlight puts in the {@code Host} header when it wants low-quality stereo. */
    private static final String LOW_QUALITY_STEREO_HOST = "0.0.0.0";
    private static final List<String> REQUIRED = List.of(WIDTH, HEIGHT, FPS, PACKET_SIZE, MAXIMUM_BITRATE, SLICES,
            REFERENCE_FRAMES, AUDIO_CHANNELS, AUDIO_CHANNEL_MASK, AUDIO_QUALITY);

    private final Map<String, String> attributes;

    private AnnounceBody(Map<String, String> attributes) {
        this.attributes = attributes;
    }

    /**
     * @param body       the ANNOUNCE body
     * @param hostHeader the request's {@code Host} header, null when absent (it carries the stereo quality)
     * @throws RtspException 400 naming every missing required attribute, or the first value that is not valid
     */
    static StreamParameters parse(String body, String hostHeader) {
        AnnounceBody announce = new AnnounceBody(attributes(body));
        List<String> missing = REQUIRED.stream().filter(name -> !announce.attributes.containsKey(name)).toList();
        if (!missing.isEmpty()) {
            throw new RtspException(400, "ANNOUNCE lacks the required attribute" + (missing.size() > 1 ? "s " : " ")
                    + String.join(", ", missing));
        }
        return announce.parameters(hostHeader);
    }

    /**
     * The {@code a=} lines as name → value: split at the first colon, surrounding blanks dropped (clients end
     * each value with a space). The first of repeated names counts; lines without a colon carry nothing.
     */
    static Map<String, String> attributes(String body) {
        Map<String, String> attributes = new HashMap<>();
        for (String line : body.split("[\r\n]+")) {
            int colon = line.indexOf(':');
            if (line.startsWith("a=") && colon > 2) {
                attributes.putIfAbsent(line.substring(2, colon).strip(), line.substring(colon + 1).strip());
            }
        }
        return attributes;
    }

    private StreamParameters parameters(String hostHeader) {
        int fps = number(FPS, 1, 0);
        int bitstreamFormat = number(BITSTREAM_FORMAT, 0, 0);
        VideoCodec codec = VideoCodec.ofBitstreamFormat(bitstreamFormat).orElseThrow(() -> new RtspException(400,
                BITSTREAM_FORMAT + " " + bitstreamFormat + " is no codec this host knows: 0 H.264, 1 HEVC, 2 AV1"));
        int channels = number(AUDIO_CHANNELS, 1, 0);
        if (channels != 2 && channels != 6 && channels != 8) {
            throw new RtspException(400, AUDIO_CHANNELS + " must be 2, 6 or 8, got " + channels);
        }
        boolean highQualityAudio = channels == 2 && hostHeader != null
                ? !hostHeader.contains(LOW_QUALITY_STEREO_HOST)
                : number(AUDIO_QUALITY, 0, 0) != 0;
        int maximumBitrate = number(MAXIMUM_BITRATE, 0, 0);
        int configuredBitrate = number(CONFIGURED_BITRATE, 0, 0);
        int nvFeatureFlags = flags(NV_FEATURE_FLAGS, 135);
        int encryption = flags(ENCRYPTION_ENABLED, 0)
                | ((nvFeatureFlags & NV_AUDIO_ENCRYPTION) != 0 ? StreamParameters.ENCRYPT_AUDIO : 0);
        return new StreamParameters(number(WIDTH, 1, 0), number(HEIGHT, 1, 0), fps,
                refreshRateX100(number(REFRESH_RATE_X100, 0, 0), fps),
                number(PACKET_SIZE, 17, 0), codec,
                number(DYNAMIC_RANGE, 0, 0) == 1, number(CHROMA_SAMPLING, 0, 0) == 1,
                number(INTRA_REFRESH, 0, 0) == 1,
                number(SLICES, 1, 0), number(REFERENCE_FRAMES, 0, 0), number(CSC_MODE, 0, 0),
                number(MIN_FEC_PACKETS, 0, 0), FEC_PERCENTAGE, maximumBitrate, configuredBitrate,
                configuredBitrate != 0 ? videoBitrate(configuredBitrate, channels, highQualityAudio) : maximumBitrate,
                channels, flags(AUDIO_CHANNEL_MASK, 0), highQualityAudio, number(AUDIO_PACKET_DURATION, 1, 5),
                encryption, flags(ML_FEATURE_FLAGS, 0), nvFeatureFlags, number(CONTROL_PROTOCOL, 0, 1),
                number(VIDEO_QOS, 0, 5), number(AUDIO_QOS, 0, 4));
    }

    /** A client's display rate sent as the stream rate is dropped: it must be within 1 % of the frame rate. */
    private static int refreshRateX100(int refreshRateX100, int fps) {
        return Math.abs(refreshRateX100 - fps * 100L) <= fps ? refreshRateX100 : 0;
    }

    /**
     * The encoder bitrate for a client that left the choice to the host: its whole bitrate, less the FEC share,
     * less audio (256 kbps a channel in high quality, else 96; at most 20 %), less 500 kbps of packet and control
     * overhead (at most 10 %).
     */
    static int videoBitrate(int configuredKbps, int channels, boolean highQualityAudio) {
        long kbps = configuredKbps * (100L - FEC_PERCENTAGE) / 100;
        kbps -= Math.min((highQualityAudio ? 256L : 96L) * channels, kbps / 5);
        kbps -= Math.min(500L, kbps / 10);
        return (int) kbps;
    }

    /**
     * A whole number of at least {@code min}.
     *
     * @param absent the value when the attribute is missing (required ones were checked before)
     */
    private int number(String name, int min, int absent) {
        String value = attributes.get(name);
        if (value == null) {
            return absent;
        }
        try {
            long number = Long.parseLong(value);
            if (number >= min && number <= Integer.MAX_VALUE) {
                return (int) number;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new RtspException(400, name + " must be a whole number of at least " + min + ", got '" + value + "'");
    }

    /** A 32-bit unsigned bit mask, written in decimal. */
    private int flags(String name, int absent) {
        String value = attributes.get(name);
        if (value == null) {
            return absent;
        }
        try {
            long flags = Long.parseLong(value);
            if (flags >= 0 && flags <= 0xFFFFFFFFL) {
                return (int) flags;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new RtspException(400, name + " must be a 32-bit unsigned decimal bit mask, got '" + value + "'");
    }
}

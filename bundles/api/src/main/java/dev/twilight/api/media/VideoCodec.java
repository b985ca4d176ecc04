package dev.twilight.api.media;

/**
 * Video codecs a GameStream client can negotiate. The ordinal matches no wire value; use
 * {@link #bitstreamFormat()} for the RTSP {@code x-nv-vqos[0].bitStreamFormat} attribute.
 */
public enum VideoCodec {
    H264(0, "H.264"),
    HEVC(1, "HEVC"),
    AV1(2, "AV1");

    private final int bitstreamFormat;
    private final String displayName;

    VideoCodec(int bitstreamFormat, String displayName) {
        this.bitstreamFormat = bitstreamFormat;
        this.displayName = displayName;
    }

    /** The value clients send in the {@code bitStreamFormat} ANNOUNCE attribute. */
    public int bitstreamFormat() {
        return bitstreamFormat;
    }

    public String displayName() {
        return displayName;
    }

    /** Parses a codec name case-insensitively, accepting {@code h264}, {@code H.264}, {@code hevc}, {@code h265}, {@code av1}. */
    public static VideoCodec parse(String text) {
        String key = text.trim().toUpperCase(java.util.Locale.ROOT).replace(".", "");
        switch (key) {
            case "H264": case "AVC": return H264;
            case "HEVC": case "H265": return HEVC;
            case "AV1": return AV1;
            default:
                throw new IllegalArgumentException("unknown video codec '" + text + "': use h264, hevc or av1");
        }
    }
}

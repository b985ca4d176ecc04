package dev.twilight.api.media;

/**
 * Video codecs a GameStream client can negotiate. The ordinal matches no wire value; use
 * {@link #bitstreamFormat()} for the RTSP {@code x-nv-vqos[0].bitStreamFormat} attribute.
 */
public enum VideoCodec {
    H264(0, 0x1, "H.264"),
    HEVC(1, 0x100, "HEVC"),
    AV1(2, 0x10000, "AV1");

    private final int bitstreamFormat;
    private final int serverCodecModeFlag;
    private final String displayName;

    VideoCodec(int bitstreamFormat, int serverCodecModeFlag, String displayName) {
        this.bitstreamFormat = bitstreamFormat;
        this.serverCodecModeFlag = serverCodecModeFlag;
        this.displayName = displayName;
    }

    /** The bit of a host's serverinfo {@code ServerCodecModeSupport} that offers this codec (8-bit main profile). */
    public int serverCodecModeFlag() {
        return serverCodecModeFlag;
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

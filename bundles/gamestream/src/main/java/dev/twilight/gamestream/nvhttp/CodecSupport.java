package dev.twilight.gamestream.nvhttp;

import dev.twilight.api.pipeline.BackendInfo;
import dev.twilight.api.pipeline.VideoPipeline;

/**
 * {@code ServerCodecModeSupport} from the encoders the pipeline can use now; RTSP offers and accepts the same
 * codecs.
 */
public final class CodecSupport {

    public static final int H264 = 0x1;
    public static final int HEVC = 0x100;
    public static final int AV1 = 0x10000;
    /** {@code MaxLumaPixelsHEVC} when HEVC can be encoded: what GFE and Sunshine announce. */
    static final long MAX_LUMA_PIXELS_HEVC = 1869449984L;

    private CodecSupport() {
    }

    /**
     * H.264 is always offered (clients refuse a host that offers nothing); HEVC and AV1 Main 8-bit when an
     * available encoder lists them.
     *
     * @param pipeline null when no pipeline runs
     */
    public static int flags(VideoPipeline pipeline) {
        int flags = H264;
        if (pipeline == null) {
            return flags;
        }
        for (BackendInfo encoder : pipeline.encoders()) {
            if (!encoder.availability().available()) {
                continue;
            }
            for (String capability : encoder.capabilities().split(",")) {
                switch (capability.strip()) {
                    case "HEVC" -> flags |= HEVC;
                    case "AV1" -> flags |= AV1;
                    default -> { }
                }
            }
        }
        return flags;
    }
}

package dev.twilight.gamestream.nvhttp;

import dev.twilight.api.media.VideoCodec;
import dev.twilight.api.pipeline.BackendInfo;
import dev.twilight.api.pipeline.VideoPipeline;

/**
 * {@code ServerCodecModeSupport} from the encoders the pipeline can use now; RTSP offers and accepts the same
 * codecs.
 */
public final class CodecSupport {

    public static final int H264 = VideoCodec.H264.serverCodecModeFlag();
    public static final int HEVC = VideoCodec.HEVC.serverCodecModeFlag();
    public static final int AV1 = VideoCodec.AV1.serverCodecModeFlag();
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

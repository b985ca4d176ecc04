package dev.twilight.gamestream.rtsp;

import dev.twilight.gamestream.nvhttp.CodecSupport;
import java.util.Optional;

/** The codec a client asks for in ANNOUNCE ({@code x-nv-vqos[0].bitStreamFormat}). */
public enum VideoCodec {
    H264(0, CodecSupport.H264),
    HEVC(1, CodecSupport.HEVC),
    AV1(2, CodecSupport.AV1);

    private final int bitstreamFormat;
    private final int codecModeFlag;

    VideoCodec(int bitstreamFormat, int codecModeFlag) {
        this.bitstreamFormat = bitstreamFormat;
        this.codecModeFlag = codecModeFlag;
    }

    static Optional<VideoCodec> ofBitstreamFormat(int format) {
        for (VideoCodec codec : values()) {
            if (codec.bitstreamFormat == format) {
                return Optional.of(codec);
            }
        }
        return Optional.empty();
    }

    /** @param codecModeSupport {@code ServerCodecModeSupport} flags, as {@link CodecSupport#flags} computes them */
    boolean availableIn(int codecModeSupport) {
        return (codecModeSupport & codecModeFlag) != 0;
    }
}

package dev.twilight.api.media;

/** Raw picture layouts that capture sources produce and encoders accept. */
public enum PixelFormat {
    /** Planar 4:2:0: Y plane, then U and V planes at half width and half height. */
    YUV420P(3),
    /** Semi-planar 4:2:0: Y plane, then one interleaved UV plane at half height. */
    NV12(2),
    /** Packed 32-bit B, G, R, A as desktops deliver it. */
    BGRA(1);

    private final int planes;

    PixelFormat(int planes) {
        this.planes = planes;
    }

    public int planes() {
        return planes;
    }
}

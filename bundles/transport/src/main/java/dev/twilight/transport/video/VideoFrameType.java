package dev.twilight.transport.video;

/** The frame type byte of the video frame header. */
public enum VideoFrameType {
    P_FRAME(1),
    IDR(2),
    /** A P-frame with intra-refresh blocks: a decoder may recover from loss here. */
    INTRA_REFRESH(4),
    /** The first P-frame after the host invalidated reference frames on the client's request. */
    AFTER_REFERENCE_INVALIDATION(5);

    private final int wireValue;

    VideoFrameType(int wireValue) {
        this.wireValue = wireValue;
    }

    public int wireValue() {
        return wireValue;
    }

    /**
     * The type for a header byte. Values this library does not know (GeForce Experience sends 104 for plain
     * P-frames) read as {@link #P_FRAME}: nothing a decoder could start from.
     */
    public static VideoFrameType fromWireValue(int value) {
        for (VideoFrameType type : values()) {
            if (type.wireValue == value) {
                return type;
            }
        }
        return P_FRAME;
    }
}

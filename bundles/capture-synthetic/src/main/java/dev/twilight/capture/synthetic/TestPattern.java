package dev.twilight.capture.synthetic;

import dev.twilight.api.media.FrameStamp;
import dev.twilight.media.stamp.FrameStampCode;
import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * Renders a moving picture into YUV 4:2:0 planes: eight colour bars in horizontal bands that scroll left and
 * right in turn, with the frame stamp code in the top-left corner. Rendering is row copies out of pre-computed
 * double-width rows, so a 1080p frame costs a few hundred microseconds.
 */
public final class TestPattern {

    /** BT.601 limited-range Y, U, V of white, yellow, cyan, green, magenta, red, blue, black. */
    private static final int[][] BARS = {
        {235, 128, 128}, {210, 16, 146}, {170, 166, 16}, {145, 54, 34},
        {106, 202, 222}, {81, 90, 240}, {41, 240, 110}, {16, 128, 128}
    };
    private static final int BANDS = 8;

    private final int width;
    private final int height;
    private final int speed;
    private final byte[][] rows = new byte[3][];
    private final byte[] neutralChroma;
    private final Optional<FrameStampCode> stampCode;

    /**
     * @param speed pixels the bars move per frame
     * @param stamp whether to write the frame stamp code
     */
    public TestPattern(int width, int height, int speed, boolean stamp) {
        this.width = width;
        this.height = height;
        this.speed = speed;
        for (int plane = 0; plane < 3; plane++) {
            int planeWidth = plane == 0 ? width : width / 2;
            byte[] row = new byte[2 * planeWidth];
            for (int x = 0; x < row.length; x++) {
                int bar = (x % planeWidth) * BARS.length / planeWidth;
                row[x] = (byte) BARS[bar][plane];
            }
            rows[plane] = row;
        }
        this.stampCode = stamp ? FrameStampCode.forPicture(width, height) : Optional.empty();
        this.neutralChroma = new byte[stampCode.map(code -> code.width() / 2).orElse(0)];
        java.util.Arrays.fill(neutralChroma, (byte) 128);
    }

    /** Whether pictures of this size carry a readable stamp. */
    public boolean stamps() {
        return stampCode.isPresent();
    }

    /** Bytes per row of each plane. */
    public int[] strides() {
        return new int[] {width, width / 2, width / 2};
    }

    /** Allocates direct buffers for the three planes. */
    public ByteBuffer[] allocatePlanes() {
        return new ByteBuffer[] {
            ByteBuffer.allocateDirect(width * height),
            ByteBuffer.allocateDirect(width * height / 4),
            ByteBuffer.allocateDirect(width * height / 4)
        };
    }

    /** Draws frame {@code stamp.frameNumber()} into the planes and stamps it. */
    public void render(FrameStamp stamp, ByteBuffer[] planes) {
        long frame = stamp.frameNumber();
        for (int plane = 0; plane < 3; plane++) {
            int planeWidth = plane == 0 ? width : width / 2;
            int planeHeight = plane == 0 ? height : height / 2;
            int step = plane == 0 ? speed : Math.max(1, speed / 2);
            byte[] row = rows[plane];
            ByteBuffer target = planes[plane];
            for (int y = 0; y < planeHeight; y++) {
                int band = y * BANDS / planeHeight;
                long shift = frame * step * (band % 2 == 0 ? 1 : -1) + (long) band * planeWidth / BANDS;
                int offset = (int) Math.floorMod(shift, (long) planeWidth);
                target.put(y * planeWidth, row, offset, planeWidth);
            }
        }
        stampCode.ifPresent(code -> {
            code.write(stamp, planes[0], width);
            for (int y = 0; y < code.height() / 2; y++) {
                planes[1].put(y * (width / 2), neutralChroma);
                planes[2].put(y * (width / 2), neutralChroma);
            }
        });
    }
}

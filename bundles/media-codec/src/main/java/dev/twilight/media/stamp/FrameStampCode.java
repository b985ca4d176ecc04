package dev.twilight.media.stamp;

import dev.twilight.api.media.FrameStamp;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.zip.CRC32;

/**
 * Writes a {@link FrameStamp} into the top-left corner of a luma plane as a grid of black and white blocks,
 * and reads it back from a decoded picture. The code survives lossy coding because every bit is a whole block
 * (at least 8x8 pixels, aligned to 8) of near-black or near-white, and a CRC rejects pictures whose code was
 * damaged or that carry none.
 *
 * <p>Layout: {@value #COLUMNS} columns by {@value #ROWS} rows of square blocks, row-major, most significant bit
 * first: 32 bits frame number, 64 bits capture time in epoch microseconds, 32 bits CRC-32 of the first 12 bytes.
 */
public final class FrameStampCode {

    public static final int COLUMNS = 32;
    public static final int ROWS = 4;
    private static final int BITS = COLUMNS * ROWS;
    private static final byte BLACK = 16;
    private static final byte WHITE = (byte) 235;
    private static final int THRESHOLD = 126;

    private final int block;
    private final byte[][] blockRows;

    private FrameStampCode(int block) {
        this.block = block;
        this.blockRows = new byte[][] {filled(block, BLACK), filled(block, WHITE)};
    }

    /** The code for a picture of this size, or empty when the picture is too small to carry one. */
    public static Optional<FrameStampCode> forPicture(int width, int height) {
        int block = Math.max(8, (width / COLUMNS) / 8 * 8);
        if (block * COLUMNS > width || block * ROWS > height) {
            return Optional.empty();
        }
        return Optional.of(new FrameStampCode(block));
    }

    /** Side of one bit's block in pixels. */
    public int blockSize() {
        return block;
    }

    /** Width of the area the code covers, in luma pixels. */
    public int width() {
        return block * COLUMNS;
    }

    /** Height of the area the code covers, in luma pixels. */
    public int height() {
        return block * ROWS;
    }

    /** Writes the stamp into a luma plane with the given row stride. */
    public void write(FrameStamp stamp, ByteBuffer luma, int stride) {
        byte[] payload = payload(stamp);
        for (int bit = 0; bit < BITS; bit++) {
            byte[] row = blockRows[(payload[bit >> 3] >> (7 - (bit & 7))) & 1];
            int x = (bit % COLUMNS) * block;
            int y = (bit / COLUMNS) * block;
            for (int line = 0; line < block; line++) {
                luma.put((y + line) * stride + x, row);
            }
        }
    }

    /** Reads a stamp back from a luma plane, or empty when the code is missing or damaged. */
    public Optional<FrameStamp> read(byte[] luma, int stride) {
        byte[] payload = new byte[BITS / 8];
        int margin = block / 4;
        int span = block - 2 * margin;
        for (int bit = 0; bit < BITS; bit++) {
            int x0 = (bit % COLUMNS) * block + margin;
            int y0 = (bit / COLUMNS) * block + margin;
            long sum = 0;
            for (int y = y0; y < y0 + span; y++) {
                int offset = y * stride + x0;
                for (int x = 0; x < span; x++) {
                    sum += luma[offset + x] & 0xff;
                }
            }
            if (sum / ((long) span * span) > THRESHOLD) {
                payload[bit >> 3] |= (byte) (1 << (7 - (bit & 7)));
            }
        }
        ByteBuffer fields = ByteBuffer.wrap(payload);
        long frameNumber = fields.getInt() & 0xffffffffL;
        long captureMicros = fields.getLong();
        int crc = fields.getInt();
        if (crc != crc(payload)) {
            return Optional.empty();
        }
        return Optional.of(new FrameStamp(frameNumber, captureMicros));
    }

    private static byte[] payload(FrameStamp stamp) {
        byte[] payload = new byte[BITS / 8];
        ByteBuffer fields = ByteBuffer.wrap(payload);
        fields.putInt((int) stamp.frameNumber());
        fields.putLong(stamp.captureEpochMicros());
        fields.putInt(crc(payload));
        return payload;
    }

    private static int crc(byte[] payload) {
        CRC32 crc = new CRC32();
        crc.update(payload, 0, 12);
        return (int) crc.getValue();
    }

    private static byte[] filled(int length, byte value) {
        byte[] row = new byte[length];
        java.util.Arrays.fill(row, value);
        return row;
    }
}

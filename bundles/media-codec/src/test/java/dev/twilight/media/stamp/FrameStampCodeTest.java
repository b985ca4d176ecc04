package dev.twilight.media.stamp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twilight.api.media.FrameStamp;
import java.nio.ByteBuffer;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FrameStampCodeTest {

    private static final int WIDTH = 640;
    private static final int HEIGHT = 360;

    @Test
    void aWrittenStampReadsBack() {
        FrameStampCode code = FrameStampCode.forPicture(WIDTH, HEIGHT).orElseThrow();
        FrameStamp stamp = new FrameStamp(123_456, 1_764_000_123_456_789L);
        assertEquals(Optional.of(stamp), code.read(write(code, stamp), WIDTH));
    }

    @Test
    void blocksAreWholeAlignedSquares() {
        assertEquals(8, FrameStampCode.forPicture(256, 144).orElseThrow().blockSize());
        assertEquals(16, FrameStampCode.forPicture(640, 360).orElseThrow().blockSize());
        assertEquals(40, FrameStampCode.forPicture(1280, 720).orElseThrow().blockSize());
        assertEquals(56, FrameStampCode.forPicture(1920, 1080).orElseThrow().blockSize());
        assertTrue(FrameStampCode.forPicture(255, 144).isEmpty());
        assertTrue(FrameStampCode.forPicture(256, 31).isEmpty());
    }

    @Test
    void aPictureWithoutCodeOrWithADamagedOneYieldsNothing() {
        FrameStampCode code = FrameStampCode.forPicture(WIDTH, HEIGHT).orElseThrow();
        assertEquals(Optional.empty(), code.read(new byte[WIDTH * HEIGHT], WIDTH));

        byte[] luma = write(code, new FrameStamp(7, 99));
        int block = code.blockSize();
        // flip one bit's block: the CRC no longer matches
        for (int y = 0; y < block; y++) {
            for (int x = 5 * block; x < 6 * block; x++) {
                luma[y * WIDTH + x] = (byte) (255 - (luma[y * WIDTH + x] & 0xff));
            }
        }
        assertEquals(Optional.empty(), code.read(luma, WIDTH));
    }

    @Test
    void mildNoiseDoesNotChangeTheStamp() {
        FrameStampCode code = FrameStampCode.forPicture(WIDTH, HEIGHT).orElseThrow();
        FrameStamp stamp = new FrameStamp(42, 4242);
        byte[] luma = write(code, stamp);
        java.util.Random random = new java.util.Random(1);
        for (int i = 0; i < luma.length; i++) {
            luma[i] = (byte) Math.max(0, Math.min(255, (luma[i] & 0xff) + random.nextInt(81) - 40));
        }
        assertEquals(Optional.of(stamp), code.read(luma, WIDTH));
    }

    private static byte[] write(FrameStampCode code, FrameStamp stamp) {
        ByteBuffer plane = ByteBuffer.allocate(WIDTH * HEIGHT);
        code.write(stamp, plane, WIDTH);
        return plane.array();
    }
}

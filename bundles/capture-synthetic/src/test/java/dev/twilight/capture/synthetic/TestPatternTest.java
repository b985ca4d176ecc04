package dev.twilight.capture.synthetic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twilight.api.media.FrameStamp;
import dev.twilight.media.stamp.FrameStampCode;
import java.nio.ByteBuffer;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class TestPatternTest {

    @ParameterizedTest
    @CsvSource({"256,144", "640,360", "1280,720", "1920,1080", "3840,2160", "1366,768"})
    void everyRenderedPictureCarriesItsStamp(int width, int height) {
        TestPattern pattern = new TestPattern(width, height, 8, true);
        ByteBuffer[] planes = pattern.allocatePlanes();
        FrameStampCode code = FrameStampCode.forPicture(width, height).orElseThrow();
        for (long frame : new long[] {0, 1, 77, 0xffffffffL}) {
            FrameStamp stamp = new FrameStamp(frame, 1_764_000_000_000_000L + frame);
            pattern.render(stamp, planes);
            assertEquals(Optional.of(stamp), code.read(luma(planes[0]), width));
        }
    }

    @Test
    void thePictureMovesFromFrameToFrame() {
        TestPattern pattern = new TestPattern(640, 360, 8, false);
        ByteBuffer[] planes = pattern.allocatePlanes();
        pattern.render(new FrameStamp(0, 0), planes);
        byte[] first = luma(planes[0]);
        pattern.render(new FrameStamp(1, 0), planes);
        assertNotEquals(java.util.Arrays.hashCode(first), java.util.Arrays.hashCode(luma(planes[0])));
        assertFalse(pattern.stamps());
    }

    @Test
    void picturesTooSmallForTheCodeAreNotStamped() {
        assertFalse(new TestPattern(128, 64, 8, true).stamps());
        assertTrue(new TestPattern(256, 64, 8, true).stamps());
    }

    private static byte[] luma(ByteBuffer plane) {
        byte[] copy = new byte[plane.capacity()];
        plane.get(0, copy);
        return copy;
    }
}

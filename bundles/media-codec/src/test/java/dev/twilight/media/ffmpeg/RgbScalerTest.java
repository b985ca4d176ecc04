package dev.twilight.media.ffmpeg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twilight.api.media.AccessUnit;
import dev.twilight.api.media.PixelFormat;
import dev.twilight.api.media.StreamConfiguration;
import dev.twilight.api.media.VideoCodec;
import dev.twilight.api.media.VideoFrame;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Whole decoded pictures handed on by reference, and their conversion to RGB at another size. */
class RgbScalerTest {

    private static final int WIDTH = 320;
    private static final int HEIGHT = 180;
    /** BT.601 limited-range Y, U, V. */
    private static final int[] RED = {81, 90, 240};
    private static final int[] BLUE = {41, 240, 110};

    @Test
    void picturesStayValidWhileHeldAndConvertToScaledRgb() throws Exception {
        List<DecodedPicture> pictures = new ArrayList<>();
        StreamConfiguration config = StreamConfiguration.of(WIDTH, HEIGHT, 30, 2000, VideoCodec.H264);
        try (FfmpegEncoderSession encoder = FfmpegEncoderSession.open("x264", "libx264", config,
                Map.of("preset", "ultrafast", "tune", "zerolatency"), true);
             FfmpegDecoderSession decoder = FfmpegDecoderSession.open(VideoCodec.H264);
             RgbScaler scaler = new RgbScaler()) {
            decoder.handPicturesTo(pictures::add);
            // red left and blue right, then the other way round: the first picture must not change under it
            for (int frame = 0; frame < 2; frame++) {
                for (AccessUnit unit : encoder.encode(halves(frame == 0 ? RED : BLUE, frame == 0 ? BLUE : RED),
                        frame, false)) {
                    assertEquals(1, decoder.decode(unit.data()).size());
                    assertEquals(frame + 1, pictures.size(), "each decoded frame's picture is handed on");
                }
            }
            assertEquals(2, pictures.size());
            int[] pixels = new int[64 * 36];
            scaler.convert(pictures.get(0), 64, 36, pixels);
            assertColour(0xFF0000, pixels[18 * 64 + 8], "left of the first picture");
            assertColour(0x0000FF, pixels[18 * 64 + 56], "right of the first picture");
            int[] larger = new int[640 * 360];
            scaler.convert(pictures.get(1), 640, 360, larger);
            assertColour(0x0000FF, larger[180 * 640 + 80], "left of the second picture, scaled up");
            assertColour(0xFF0000, larger[180 * 640 + 560], "right of the second picture, scaled up");
            assertEquals(WIDTH, pictures.get(0).width());
            assertEquals(HEIGHT, pictures.get(0).height());
            assertThrows(IllegalArgumentException.class, () -> scaler.convert(pictures.get(0), 64, 37, pixels));
        } finally {
            pictures.forEach(DecodedPicture::close);
        }
        DecodedPicture closed = pictures.get(0);
        closed.close();
        assertThrows(IllegalStateException.class, () -> new RgbScaler().convert(closed, 64, 36, new int[64 * 36]));
    }

    private static void assertColour(int expected, int actual, String where) {
        for (int shift = 0; shift <= 16; shift += 8) {
            int want = expected >> shift & 0xFF;
            int got = actual >> shift & 0xFF;
            assertTrue(Math.abs(want - got) < 24, () -> where + ": expected about "
                    + Integer.toHexString(expected) + ", got " + Integer.toHexString(actual & 0xFFFFFF));
        }
    }

    private static VideoFrame halves(int[] left, int[] right) {
        ByteBuffer[] planes = new ByteBuffer[3];
        for (int plane = 0; plane < 3; plane++) {
            int width = plane == 0 ? WIDTH : WIDTH / 2;
            int height = plane == 0 ? HEIGHT : HEIGHT / 2;
            planes[plane] = ByteBuffer.allocateDirect(width * height);
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    planes[plane].put((byte) (x < width / 2 ? left[plane] : right[plane]));
                }
            }
            planes[plane].flip();
        }
        return new VideoFrame(WIDTH, HEIGHT, PixelFormat.YUV420P, planes, new int[] {WIDTH, WIDTH / 2, WIDTH / 2},
                0, 0);
    }
}

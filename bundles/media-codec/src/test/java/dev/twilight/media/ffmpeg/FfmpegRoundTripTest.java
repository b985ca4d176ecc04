package dev.twilight.media.ffmpeg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twilight.api.decode.DecodedFrame;
import dev.twilight.api.decode.DecoderException;
import dev.twilight.api.encode.EncoderException;
import dev.twilight.api.media.AccessUnit;
import dev.twilight.api.media.FrameStamp;
import dev.twilight.api.media.PixelFormat;
import dev.twilight.api.media.StreamConfiguration;
import dev.twilight.api.media.VideoCodec;
import dev.twilight.api.media.VideoFrame;
import dev.twilight.media.stamp.FrameStampCode;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Encoder and decoder sessions against the real FFmpeg natives. */
class FfmpegRoundTripTest {

    private static final int WIDTH = 640;
    private static final int HEIGHT = 360;
    private static final Map<String, String> X264 = Map.of("preset", "ultrafast", "tune", "zerolatency",
            "forced-idr", "1", "x264-params", "keyint=infinite");

    private final Random random = new Random(3);

    @Test
    void x264OutputDecodesWithItsStampsAndIdrComesOnDemand() throws Exception {
        List<AccessUnit> units = x264Units(30, 20);
        assertTrue(units.get(0).keyFrame());
        assertTrue(units.get(20).keyFrame(), "an IDR on request");
        assertEquals(2, units.stream().filter(AccessUnit::keyFrame).count(), "no periodic IDR in between");
        assertTrue(hasNal(units.get(20).data(), 7) && hasNal(units.get(20).data(), 5), "SPS and IDR slice in-band");
        assertFalse(hasNal(units.get(21).data(), 7));
        for (int frame = 0; frame < 30; frame++) {
            assertEquals(frame, units.get(frame).frameNumber());
            assertEquals("x264", units.get(frame).encoderName());
        }

        assertStampsReadBack(FfmpegDecoderSession.open(VideoCodec.H264), units);
    }

    /**
     * NVIDIA's decoder by name: where it opens (an NVIDIA GPU and driver) it must give back every stamp like the
     * software decoder; elsewhere opening must fail with an error that names it, never crash. With
     * {@code -Dtwilight.test.nvdec=required} (for a GPU machine) it must open.
     */
    @Test
    void nvdecDecodesTheStampsWhereAnNvidiaGpuIs() throws Exception {
        List<AccessUnit> units = x264Units(30, 20);
        FfmpegDecoderSession nvdec;
        try {
            nvdec = FfmpegDecoderSession.open(VideoCodec.H264, "h264_cuvid");
        } catch (DecoderException absent) {
            assertFalse("required".equals(System.getProperty("twilight.test.nvdec")), absent.getMessage());
            assertTrue(absent.getMessage().contains("h264_cuvid"), absent.getMessage());
            return;
        }
        assertStampsReadBack(nvdec, units);
    }

    @Test
    void aDecoderThisBuildLacksIsNamed() {
        DecoderException missing = assertThrows(DecoderException.class,
                () -> FfmpegDecoderSession.open(VideoCodec.H264, "no_such_decoder"));
        assertTrue(missing.getMessage().contains("no_such_decoder"), missing.getMessage());
    }

    /** x264 frames stamped 0, 1, ... with an IDR at the start and at {@code idrAt}. */
    private static List<AccessUnit> x264Units(int count, int idrAt) throws Exception {
        StreamConfiguration config = StreamConfiguration.of(WIDTH, HEIGHT, 60, 3000, VideoCodec.H264);
        List<AccessUnit> units = new ArrayList<>();
        try (FfmpegEncoderSession encoder = FfmpegEncoderSession.open("x264", "libx264", config, X264, true)) {
            for (int frame = 0; frame < count; frame++) {
                List<AccessUnit> out = encoder.encode(frame(frame), frame, frame == idrAt);
                assertEquals(1, out.size(), "low-latency settings give one access unit per frame");
                units.addAll(out);
            }
        }
        return units;
    }

    /** Decodes every unit with the session (then closes it) and checks each picture's stamp, in order. */
    private static void assertStampsReadBack(FfmpegDecoderSession session, List<AccessUnit> units) throws Exception {
        List<DecodedFrame> decoded = new ArrayList<>();
        try (FfmpegDecoderSession decoder = session) {
            for (AccessUnit unit : units) {
                decoded.addAll(decoder.decode(unit.data()));
            }
            decoded.addAll(decoder.flush());
        }
        assertEquals(units.size(), decoded.size());
        for (int frame = 0; frame < units.size(); frame++) {
            assertEquals(new FrameStamp(frame, 1000L * frame), decoded.get(frame).stamp().orElseThrow());
        }
    }

    @Test
    void x265HevcDecodesWithItsStamps() throws Exception {
        StreamConfiguration config = StreamConfiguration.of(WIDTH, HEIGHT, 60, 3000, VideoCodec.HEVC);
        List<DecodedFrame> decoded = new ArrayList<>();
        try (FfmpegEncoderSession encoder = FfmpegEncoderSession.open("x265", "libx265", config,
                Map.of("preset", "ultrafast", "tune", "zerolatency", "forced-idr", "1",
                        "x265-params", "keyint=-1:repeat-headers=1:log-level=error"), true);
             FfmpegDecoderSession decoder = FfmpegDecoderSession.open(VideoCodec.HEVC)) {
            for (int frame = 0; frame < 10; frame++) {
                for (AccessUnit unit : encoder.encode(frame(frame), frame, frame == 5)) {
                    assertEquals(VideoCodec.HEVC, unit.codec());
                    assertEquals(frame == 0 || frame == 5, unit.keyFrame(), "IDR at " + frame);
                    decoded.addAll(decoder.decode(unit.data()));
                }
            }
            decoded.addAll(decoder.flush());
        }
        assertEquals(10, decoded.size());
        for (int frame = 0; frame < 10; frame++) {
            assertEquals(frame, decoded.get(frame).stamp().orElseThrow().frameNumber());
        }
    }

    @Test
    void x264TakesANewBitrateInPlaceAndOpenh264AsksToBeReopened() throws Exception {
        StreamConfiguration config = StreamConfiguration.of(WIDTH, HEIGHT, 60, 8000, VideoCodec.H264);
        try (FfmpegEncoderSession x264 = FfmpegEncoderSession.open("x264", "libx264", config, X264, true);
             FfmpegEncoderSession openh264 = FfmpegEncoderSession.open("openh264", "libopenh264", config,
                     Map.of("allow_skip_frames", "0"), false)) {
            long before = bytes(x264, 0, 40);
            assertTrue(x264.updateBitrate(200));
            long after = bytes(x264, 40, 40);
            assertTrue(after * 3 < before, "bytes per 40 frames: " + before + " at 8000 kbps, " + after + " at 200");
            assertFalse(openh264.updateBitrate(200));
        }
    }

    @Test
    void misuseGivesEncoderErrorsThatSayWhatIsWrong() throws Exception {
        StreamConfiguration config = StreamConfiguration.of(WIDTH, HEIGHT, 60, 3000, VideoCodec.H264);
        EncoderException unknown = assertThrows(EncoderException.class,
                () -> FfmpegEncoderSession.open("nope", "libnope", config, Map.of(), true));
        assertTrue(unknown.getMessage().contains("libnope"));

        FfmpegEncoderSession session = FfmpegEncoderSession.open("x264", "libx264", config, X264, true);
        VideoFrame small = new VideoFrame(320, 180, PixelFormat.YUV420P, planes(320, 180),
                new int[] {320, 160, 160}, 0, 0);
        EncoderException size = assertThrows(EncoderException.class, () -> session.encode(small, 0, false));
        assertTrue(size.getMessage().contains("320x180"));
        session.close();
        session.close();
        EncoderException closed = assertThrows(EncoderException.class, () -> session.encode(frame(0), 0, false));
        assertTrue(closed.getMessage().contains("closed"));
    }

    private long bytes(FfmpegEncoderSession session, int first, int count) throws EncoderException {
        long total = 0;
        for (int frame = first; frame < first + count; frame++) {
            for (AccessUnit unit : session.encode(noisyFrame(frame), frame, false)) {
                total += unit.data().length;
            }
        }
        return total;
    }

    /** A flat picture with its stamp. */
    private static VideoFrame frame(int number) {
        ByteBuffer[] planes = planes(WIDTH, HEIGHT);
        FrameStampCode.forPicture(WIDTH, HEIGHT).orElseThrow()
                .write(new FrameStamp(number, 1000L * number), planes[0], WIDTH);
        return new VideoFrame(WIDTH, HEIGHT, PixelFormat.YUV420P, planes, new int[] {WIDTH, WIDTH / 2, WIDTH / 2},
                number, System.nanoTime());
    }

    /** Noise costs bits at any bitrate, so the encoder's rate control shows. */
    private VideoFrame noisyFrame(int number) {
        ByteBuffer[] planes = planes(WIDTH, HEIGHT);
        byte[] noise = new byte[WIDTH * HEIGHT];
        random.nextBytes(noise);
        planes[0].put(0, noise);
        return new VideoFrame(WIDTH, HEIGHT, PixelFormat.YUV420P, planes, new int[] {WIDTH, WIDTH / 2, WIDTH / 2},
                number, System.nanoTime());
    }

    private static ByteBuffer[] planes(int width, int height) {
        ByteBuffer[] planes = {ByteBuffer.allocateDirect(width * height),
            ByteBuffer.allocateDirect(width * height / 4), ByteBuffer.allocateDirect(width * height / 4)};
        for (ByteBuffer plane : planes) {
            byte[] gray = new byte[plane.capacity()];
            java.util.Arrays.fill(gray, (byte) 128);
            plane.put(0, gray);
        }
        return planes;
    }

    /** Whether an Annex B access unit holds a NAL unit of the given H.264 type. */
    private static boolean hasNal(byte[] data, int type) {
        for (int i = 0; i + 3 < data.length; i++) {
            if (data[i] == 0 && data[i + 1] == 0 && data[i + 2] == 1 && (data[i + 3] & 0x1f) == type) {
                return true;
            }
        }
        return false;
    }
}

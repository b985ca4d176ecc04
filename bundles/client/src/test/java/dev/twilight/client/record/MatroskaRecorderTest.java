package dev.twilight.client.record;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_H264;
import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_to_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twilight.api.client.ClientException;
import dev.twilight.api.client.ReceivedFrame;
import dev.twilight.api.media.AccessUnit;
import dev.twilight.api.media.PixelFormat;
import dev.twilight.api.media.StreamConfiguration;
import dev.twilight.api.media.VideoCodec;
import dev.twilight.api.media.VideoFrame;
import dev.twilight.media.ffmpeg.FfmpegEncoderSession;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacpp.PointerPointer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Records x264 frames as a connection would deliver them and reads the file back with FFmpeg. */
class MatroskaRecorderTest {

    private static final int WIDTH = 320;
    private static final int HEIGHT = 180;
    /** 60 fps in 90 kHz ticks, starting just before the 32-bit timestamp wraps. */
    private static final int TICKS_PER_FRAME = 1500;
    private static final int FIRST_RTP = -4 * TICKS_PER_FRAME;

    @TempDir
    Path folder;

    @Test
    void startsAtAKeyFrameSkipsFromAGapToTheNextAndKeepsTheHostsTimestamps() throws Exception {
        List<AccessUnit> units = encode(30, 20);
        Path file = folder.resolve("stream.mkv");
        MatroskaRecorder recorder = MatroskaRecorder.open(file, VideoCodec.H264, WIDTH, HEIGHT);
        for (int i = 0; i < units.size(); i++) {
            // frame 10 is lost: 11 to 19 cannot be decoded and are left out until the key frame 20
            if (i != 10) {
                recorder.write(received(i, units.get(i)));
            }
        }
        recorder.close();
        assertEquals(20, recorder.framesWritten());

        Readback file20 = Readback.of(file);
        assertEquals(AV_CODEC_ID_H264, file20.codecId);
        assertEquals(WIDTH, file20.width);
        assertEquals(HEIGHT, file20.height);
        assertEquals(20, file20.timestampsMs.size());
        assertEquals(List.of(true, false, true), List.of(file20.keyFrames.get(0), file20.keyFrames.get(1),
                file20.keyFrames.get(10)));
        // Matroska keeps milliseconds: frame n at n * 16.7 ms from the first, across the RTP wrap
        for (int packet = 0; packet < 20; packet++) {
            int frame = packet < 10 ? packet : packet + 10;
            assertEquals(Math.round(frame * 1000.0 / 60), file20.timestampsMs.get(packet), 1, "packet " + packet);
        }
        assertEquals(20, file20.decodedPictures, "every recorded frame decodes");
    }

    @Test
    void framesBeforeTheFirstKeyFrameAreNotRecordedAndWithoutOneNoFileIsMade() throws Exception {
        List<AccessUnit> units = encode(3, -1);
        Path file = folder.resolve("none.mkv");
        MatroskaRecorder recorder = MatroskaRecorder.open(file, VideoCodec.H264, WIDTH, HEIGHT);
        recorder.write(received(1, units.get(1)));
        recorder.write(received(2, units.get(2)));
        recorder.close();
        assertEquals(0, recorder.framesWritten());
        assertFalse(Files.exists(file));
    }

    @Test
    void refusesAv1AndAFolderThatDoesNotExist() {
        assertThrows(ClientException.class, () -> MatroskaRecorder.open(folder.resolve("a.mkv"), VideoCodec.AV1,
                WIDTH, HEIGHT));
        ClientException missing = assertThrows(ClientException.class,
                () -> MatroskaRecorder.open(folder.resolve("no/such/folder/a.mkv"), VideoCodec.H264, WIDTH, HEIGHT));
        assertTrue(missing.getMessage().contains("no/such/folder"), missing.getMessage());
    }

    private static ReceivedFrame received(int index, AccessUnit unit) {
        return new ReceivedFrame(index + 1, unit.keyFrame(), 0, FIRST_RTP + index * TICKS_PER_FRAME, unit.data(),
                false, System.nanoTime());
    }

    /** x264 frames with the key frame that starts them and another at {@code keyFrameAt} (-1: none). */
    private static List<AccessUnit> encode(int count, int keyFrameAt) throws Exception {
        List<AccessUnit> units = new ArrayList<>();
        try (FfmpegEncoderSession encoder = FfmpegEncoderSession.open("x264", "libx264",
                StreamConfiguration.of(WIDTH, HEIGHT, 60, 1000, VideoCodec.H264),
                Map.of("preset", "ultrafast", "tune", "zerolatency", "forced-idr", "1",
                        "x264-params", "keyint=infinite"), true)) {
            for (int frame = 0; frame < count; frame++) {
                units.addAll(encoder.encode(grey(frame), frame, frame == keyFrameAt));
            }
        }
        assertEquals(count, units.size());
        return units;
    }

    private static VideoFrame grey(int frame) {
        ByteBuffer[] planes = new ByteBuffer[3];
        for (int plane = 0; plane < 3; plane++) {
            int size = plane == 0 ? WIDTH * HEIGHT : WIDTH * HEIGHT / 4;
            planes[plane] = ByteBuffer.allocateDirect(size);
            for (int i = 0; i < size; i++) {
                planes[plane].put((byte) (plane == 0 ? (i + frame * 7) % 220 + 16 : 128));
            }
            planes[plane].flip();
        }
        return new VideoFrame(WIDTH, HEIGHT, PixelFormat.YUV420P, planes, new int[] {WIDTH, WIDTH / 2, WIDTH / 2},
                frame, 0);
    }

    /** What FFmpeg reads from a file: its first stream's codec and size, each packet's time and key flag. */
    private static final class Readback {

        int codecId;
        int width;
        int height;
        final List<Long> timestampsMs = new ArrayList<>();
        final List<Boolean> keyFrames = new ArrayList<>();
        int decodedPictures;

        static Readback of(Path file) {
            Readback read = new Readback();
            AVFormatContext input = new AVFormatContext(null);
            assertEquals(0, avformat_open_input(input, file.toString(), null, (AVDictionary) null));
            AVCodecContext decoder = null;
            AVPacket packet = av_packet_alloc();
            AVFrame picture = av_frame_alloc();
            try {
                assertTrue(avformat_find_stream_info(input, (PointerPointer<?>) null) >= 0);
                AVCodecParameters parameters = input.streams(0).codecpar();
                read.codecId = parameters.codec_id();
                read.width = parameters.width();
                read.height = parameters.height();
                decoder = avcodec_alloc_context3(avcodec_find_decoder(parameters.codec_id()));
                avcodec_parameters_to_context(decoder, parameters);
                assertEquals(0, avcodec_open2(decoder, null, (AVDictionary) null));
                double msPerTick = 1000.0 * input.streams(0).time_base().num() / input.streams(0).time_base().den();
                while (av_read_frame(input, packet) >= 0) {
                    read.timestampsMs.add(Math.round(packet.pts() * msPerTick));
                    read.keyFrames.add((packet.flags() & AV_PKT_FLAG_KEY) != 0);
                    avcodec_send_packet(decoder, packet);
                    av_packet_unref(packet);
                    while (avcodec_receive_frame(decoder, picture) >= 0) {
                        read.decodedPictures++;
                    }
                }
                avcodec_send_packet(decoder, null);
                while (avcodec_receive_frame(decoder, picture) >= 0) {
                    read.decodedPictures++;
                }
            } finally {
                av_frame_free(picture);
                av_packet_free(packet);
                if (decoder != null) {
                    avcodec_free_context(decoder);
                }
                avformat_close_input(input);
            }
            return read;
        }
    }
}

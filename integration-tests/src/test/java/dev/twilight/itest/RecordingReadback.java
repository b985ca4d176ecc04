package dev.twilight.itest;

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
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;

import dev.twilight.media.stamp.FrameStampCode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacpp.PointerPointer;

/**
 * A recorded file as FFmpeg reads it: the video track's codec and size, each packet's time, and the frame stamps
 * read back from every picture its decoder gives (-1 for a picture without one).
 */
record RecordingReadback(int codecId, int width, int height, List<Long> packetMillis, List<Long> stamps) {

    static RecordingReadback of(Path file) {
        AVFormatContext input = new AVFormatContext(null);
        if (avformat_open_input(input, file.toString(), null, (AVDictionary) null) < 0) {
            throw new AssertionError("FFmpeg cannot open " + file);
        }
        AVCodecContext decoder = null;
        AVPacket packet = av_packet_alloc();
        AVFrame picture = av_frame_alloc();
        List<Long> packetMillis = new ArrayList<>();
        List<Long> stamps = new ArrayList<>();
        try {
            if (avformat_find_stream_info(input, (PointerPointer<?>) null) < 0) {
                throw new AssertionError("FFmpeg finds no stream in " + file);
            }
            AVCodecParameters parameters = input.streams(0).codecpar();
            decoder = avcodec_alloc_context3(avcodec_find_decoder(parameters.codec_id()));
            avcodec_parameters_to_context(decoder, parameters);
            if (avcodec_open2(decoder, null, (AVDictionary) null) < 0) {
                throw new AssertionError("no decoder for codec " + parameters.codec_id());
            }
            double millisPerTick = 1000.0 * input.streams(0).time_base().num() / input.streams(0).time_base().den();
            while (av_read_frame(input, packet) >= 0) {
                packetMillis.add(Math.round(packet.pts() * millisPerTick));
                avcodec_send_packet(decoder, packet);
                av_packet_unref(packet);
                receive(decoder, picture, stamps);
            }
            avcodec_send_packet(decoder, null);
            receive(decoder, picture, stamps);
            return new RecordingReadback(parameters.codec_id(), parameters.width(), parameters.height(),
                    List.copyOf(packetMillis), List.copyOf(stamps));
        } finally {
            av_frame_free(picture);
            av_packet_free(packet);
            if (decoder != null) {
                avcodec_free_context(decoder);
            }
            avformat_close_input(input);
        }
    }

    private static void receive(AVCodecContext decoder, AVFrame picture, List<Long> stamps) {
        while (avcodec_receive_frame(decoder, picture) >= 0) {
            int width = picture.width();
            int height = picture.height();
            byte[] luma = new byte[width * height];
            for (int row = 0; row < height; row++) {
                picture.data(0).position((long) row * picture.linesize(0)).get(luma, row * width, width);
            }
            stamps.add(FrameStampCode.forPicture(width, height).flatMap(code -> code.read(luma, width))
                    .map(stamp -> stamp.frameNumber()).orElse(-1L));
            av_frame_unref(picture);
        }
    }
}

package dev.twilight.gamestream.audio;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder_by_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_packet;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_frame;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_S16;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_copy;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_default;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_get_buffer;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_make_writable;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;

import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.javacpp.ShortPointer;

/**
 * FFmpeg's libopus encoder, CBR in low-delay mode, taking signed 16-bit interleaved 48 kHz samples one frame of
 * {@code packetDurationMs} at a time. One per sender; used and closed on the sender's thread.
 */
final class OpusEncoder implements AutoCloseable {

    private static final String ENCODER = "libopus";
    /** FFmpeg's AVERROR(EAGAIN) on Linux. */
    private static final int AGAIN = -11;

    private final int channels;
    private final int frameSamples;
    private AVCodecContext context;
    private AVFrame frame;
    private AVPacket packet;
    private long pts;

    OpusEncoder(int channels, int packetDurationMs, int bitrate) {
        this.channels = channels;
        this.frameSamples = TestToneSource.SAMPLE_RATE * packetDurationMs / 1000;
        AVCodec codec = avcodec_find_encoder_by_name(ENCODER);
        if (codec == null) {
            throw new IllegalStateException("FFmpeg has no " + ENCODER + " encoder");
        }
        context = avcodec_alloc_context3(codec);
        try {
            context.sample_fmt(AV_SAMPLE_FMT_S16);
            context.sample_rate(TestToneSource.SAMPLE_RATE);
            av_channel_layout_default(context.ch_layout(), channels);
            context.bit_rate(bitrate);
            // by-value structs are copied into the context; free ours now rather than leave them to JavaCPP's GC
            try (AVRational timeBase = av_make_q(1, TestToneSource.SAMPLE_RATE)) {
                context.time_base(timeBase);
            }
            AVDictionary options = new AVDictionary(null);
            av_dict_set(options, "vbr", "off", 0);
            av_dict_set(options, "application", "lowdelay", 0);
            av_dict_set(options, "frame_duration", String.valueOf(packetDurationMs), 0);
            int result = avcodec_open2(context, codec, options);
            av_dict_free(options);
            check(result, "open");
            if (context.frame_size() != frameSamples) {
                throw new IllegalStateException(ENCODER + " frames are " + context.frame_size() + " samples, not "
                        + frameSamples);
            }
            frame = av_frame_alloc();
            frame.format(AV_SAMPLE_FMT_S16);
            frame.nb_samples(frameSamples);
            frame.sample_rate(TestToneSource.SAMPLE_RATE);
            check(av_channel_layout_copy(frame.ch_layout(), context.ch_layout()), "set the frame layout");
            check(av_frame_get_buffer(frame, 0), "allocate a frame");
            packet = av_packet_alloc();
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Samples per channel in each frame. */
    int frameSamples() {
        return frameSamples;
    }

    /** Encodes one frame ({@link #frameSamples()} × channels samples); null when the encoder holds it back. */
    byte[] encode(short[] pcm) {
        check(av_frame_make_writable(frame), "make the frame writable");
        new ShortPointer(frame.data(0)).put(pcm, 0, frameSamples * channels);
        frame.pts(pts);
        pts += frameSamples;
        check(avcodec_send_frame(context, frame), "encode");
        byte[] encoded = null;
        while (true) {
            int result = avcodec_receive_packet(context, packet);
            if (result == AGAIN || result == AVERROR_EOF) {
                return encoded;
            }
            check(result, "encode");
            try {
                encoded = new byte[packet.size()];
                packet.data().get(encoded);
            } finally {
                av_packet_unref(packet);
            }
        }
    }

    @Override
    public void close() {
        if (packet != null) {
            av_packet_free(packet);
            packet = null;
        }
        if (frame != null) {
            av_frame_free(frame);
            frame = null;
        }
        if (context != null) {
            avcodec_free_context(context);
            context = null;
        }
    }

    private static void check(int result, String what) {
        if (result < 0) {
            throw new IllegalStateException(ENCODER + " cannot " + what + ": FFmpeg error " + result);
        }
    }
}

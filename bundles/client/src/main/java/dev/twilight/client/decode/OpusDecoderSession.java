package dev.twilight.client.decode;

import static org.bytedeco.ffmpeg.global.avcodec.AV_INPUT_BUFFER_PADDING_SIZE;
import static org.bytedeco.ffmpeg.global.avcodec.av_new_packet;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder_by_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_S16;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_default;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;
import static org.bytedeco.ffmpeg.global.avutil.av_mallocz;

import dev.twilight.api.decode.AudioDecoderSession;
import dev.twilight.api.decode.DecoderException;
import dev.twilight.api.decode.OpusStreams;
import dev.twilight.gamestream.crypto.OpusLayout;
import dev.twilight.media.ffmpeg.CodecObjects;
import dev.twilight.media.ffmpeg.FfmpegErrors;
import java.util.Arrays;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.ShortPointer;

/** One libopus decoder giving 48 kHz interleaved signed 16-bit samples. Used and closed on one thread. */
final class OpusDecoderSession implements AudioDecoderSession {

    private static final String DECODER = "libopus";
    private static final int SAMPLE_RATE = 48_000;

    private final int channels;
    private AVCodecContext context;
    private AVPacket packet;
    private AVFrame frame;

    OpusDecoderSession(OpusStreams layout) throws DecoderException {
        this.channels = layout.channels();
        AVCodec codec = avcodec_find_decoder_by_name(DECODER);
        if (codec == null || codec.isNull()) {
            throw new DecoderException("this FFmpeg build has no " + DECODER + " decoder");
        }
        context = avcodec_alloc_context3(codec);
        context.sample_rate(SAMPLE_RATE);
        context.request_sample_fmt(AV_SAMPLE_FMT_S16);
        av_channel_layout_default(context.ch_layout(), channels);
        // the identification header tells the decoder the host's streams and which coded channel feeds which
        // output, so the output comes in GameStream's order (FL FR FC LFE BL BR SL SR)
        byte[] head = OpusLayout.opusHead(layout);
        BytePointer extradata = new BytePointer(av_mallocz(head.length + AV_INPUT_BUFFER_PADDING_SIZE));
        extradata.put(head);
        context.extradata(extradata);
        context.extradata_size(head.length);
        int result = avcodec_open2(context, codec, (AVDictionary) null);
        if (result < 0) {
            close();
            throw new DecoderException("cannot open " + DECODER + ": " + FfmpegErrors.describe(result));
        }
        packet = av_packet_alloc();
        frame = av_frame_alloc();
    }

    @Override
    public int channels() {
        return channels;
    }

    @Override
    public short[] decode(byte[] opus) throws DecoderException {
        int result = av_new_packet(packet, opus.length);
        if (result < 0) {
            throw new DecoderException("cannot allocate a packet: " + FfmpegErrors.describe(result));
        }
        try {
            packet.data().put(opus);
            result = avcodec_send_packet(context, packet);
        } finally {
            av_packet_unref(packet);
        }
        if (result < 0) {
            throw new DecoderException(DECODER + " rejected a " + opus.length + "-byte packet: "
                    + FfmpegErrors.describe(result));
        }
        short[] pcm = new short[0];
        while (true) {
            result = avcodec_receive_frame(context, frame);
            if (result == FfmpegErrors.AGAIN || result == AVERROR_EOF) {
                return pcm;
            }
            if (result < 0) {
                throw new DecoderException(DECODER + " failed: " + FfmpegErrors.describe(result));
            }
            try {
                if (frame.format() != AV_SAMPLE_FMT_S16) {
                    throw new DecoderException(DECODER + " gave sample format " + frame.format() + ", not S16");
                }
                int samples = frame.nb_samples() * channels;
                int start = pcm.length;
                pcm = Arrays.copyOf(pcm, start + samples);
                new ShortPointer(frame.data(0)).get(pcm, start, samples);
            } finally {
                av_frame_unref(frame);
            }
        }
    }

    @Override
    public void close() {
        CodecObjects.free(context, packet, frame);
        context = null;
        packet = null;
        frame = null;
    }
}

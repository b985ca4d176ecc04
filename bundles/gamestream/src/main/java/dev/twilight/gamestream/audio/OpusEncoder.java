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
import static org.bytedeco.ffmpeg.global.avutil.AV_CH_LAYOUT_5POINT1_BACK;
import static org.bytedeco.ffmpeg.global.avutil.AV_CH_LAYOUT_7POINT1;
import static org.bytedeco.ffmpeg.global.avutil.AV_CH_LAYOUT_STEREO;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_copy;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_from_mask;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_get_buffer;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_make_writable;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;

import dev.twilight.gamestream.crypto.OpusLayout;
import java.util.Arrays;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.javacpp.ShortPointer;

/**
 * FFmpeg's libopus encoder, CBR in low-delay mode, taking signed 16-bit interleaved 48 kHz samples one frame of
 * {@code packetDurationMs} at a time, in the captured channel order FL FR FC LFE BL BR SL SR, and producing packets
 * that a client decodes into that same order with the advertised {@link OpusLayout}. One per sender; used and
 * closed on the sender's thread.
 *
 * <p>FFmpeg picks libopus's layout itself: by default (mapping family -1) C − k streams of which k are coupled
 * (k = 1, 2, 3 for 2, 6, 8 channels) and input channel i coded as channel {@link #FFMPEG_DEFAULT_CODED_CHANNEL}[i]
 * without reordering the input; with mapping family 255 one uncoupled stream per channel, input i coded as i. The
 * advertised layouts are one of these two shapes; each frame's channels are put in the input slots whose coded
 * channel the client reads them from.
 */
final class OpusEncoder implements AutoCloseable {

    /** GameStream audio is 48 kHz. */
    static final int SAMPLE_RATE = 48_000;
    private static final String ENCODER = "libopus";
    /** FFmpeg 8's libopus wrapper, mapping family -1: the coded channel of each input channel, by channel count. */
    private static final int[][] FFMPEG_DEFAULT_CODED_CHANNEL = {
        null, {0, 1}, null, null, null, {0, 1, 4, 5, 2, 3}, null, {0, 1, 6, 7, 4, 5, 2, 3}
    };
    private static final int[] FFMPEG_DEFAULT_COUPLED_STREAMS = {0, 1, 1, 2, 2, 2, 2, 3};
    /** FFmpeg's AVERROR(EAGAIN) on Linux. */
    private static final int AGAIN = -11;

    private final int channels;
    private final int frameSamples;
    /** For each input slot of a frame, the captured channel that goes there. */
    private final int[] capturedChannelOfSlot;
    private final short[] reordered;
    private AVCodecContext context;
    private AVFrame frame;
    private AVPacket packet;
    private long pts;

    /** @throws IllegalArgumentException when FFmpeg cannot produce the layout's streams */
    OpusEncoder(OpusLayout layout, int packetDurationMs, int bitrate) {
        this.channels = layout.channels();
        this.frameSamples = SAMPLE_RATE * packetDurationMs / 1000;
        boolean uncoupled = layout.coupledStreams() == 0 && layout.streams() == channels;
        int[] codedChannelOfSlot = uncoupled ? identity(channels) : ffmpegDefault(layout);
        capturedChannelOfSlot = capturedChannelOfSlot(codedChannelOfSlot, layout.decoderMapping());
        reordered = new short[frameSamples * channels];
        AVCodec codec = avcodec_find_encoder_by_name(ENCODER);
        if (codec == null) {
            throw new IllegalStateException("FFmpeg has no " + ENCODER + " encoder");
        }
        context = avcodec_alloc_context3(codec);
        try {
            context.sample_fmt(AV_SAMPLE_FMT_S16);
            context.sample_rate(SAMPLE_RATE);
            // the default mode accepts only the Vorbis layout of the channel count; it is a label, nothing is reordered
            check(av_channel_layout_from_mask(context.ch_layout(), channelMask(channels)), "set the channel layout");
            context.bit_rate(bitrate);
            // by-value structs are copied into the context; free ours now rather than leave them to JavaCPP's GC
            try (AVRational timeBase = av_make_q(1, SAMPLE_RATE)) {
                context.time_base(timeBase);
            }
            AVDictionary options = new AVDictionary(null);
            av_dict_set(options, "vbr", "off", 0);
            av_dict_set(options, "application", "lowdelay", 0);
            av_dict_set(options, "frame_duration", String.valueOf(packetDurationMs), 0);
            if (uncoupled) {
                av_dict_set(options, "mapping_family", "255", 0);
            }
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
            frame.sample_rate(SAMPLE_RATE);
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

    /**
     * Encodes one frame ({@link #frameSamples()} × channels samples, captured order); null when the encoder holds
     * it back.
     */
    byte[] encode(short[] pcm) {
        if (pcm.length != reordered.length) {
            throw new IllegalArgumentException(pcm.length + " samples given, " + reordered.length + " make a frame");
        }
        for (int sample = 0; sample < frameSamples; sample++) {
            int base = sample * channels;
            for (int slot = 0; slot < channels; slot++) {
                reordered[base + slot] = pcm[base + capturedChannelOfSlot[slot]];
            }
        }
        check(av_frame_make_writable(frame), "make the frame writable");
        new ShortPointer(frame.data(0)).put(reordered, 0, reordered.length);
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

    private static int[] ffmpegDefault(OpusLayout layout) {
        int channels = layout.channels();
        int[] coded = channels <= FFMPEG_DEFAULT_CODED_CHANNEL.length ? FFMPEG_DEFAULT_CODED_CHANNEL[channels - 1] : null;
        if (coded == null || layout.coupledStreams() != FFMPEG_DEFAULT_COUPLED_STREAMS[channels - 1]
                || layout.streams() != channels - layout.coupledStreams()) {
            throw new IllegalArgumentException("FFmpeg's libopus cannot encode " + layout.streams() + " streams ("
                    + layout.coupledStreams() + " coupled) for " + channels + " channels");
        }
        return coded;
    }

    /** Slot i takes the captured channel the client decodes from coded channel {@code codedChannelOfSlot[i]}. */
    private static int[] capturedChannelOfSlot(int[] codedChannelOfSlot, int[] decoderMapping) {
        int[] capturedOfCoded = new int[decoderMapping.length];
        Arrays.fill(capturedOfCoded, -1);
        for (int captured = 0; captured < decoderMapping.length; captured++) {
            int coded = decoderMapping[captured];
            if (coded >= capturedOfCoded.length || capturedOfCoded[coded] != -1) {
                throw new IllegalArgumentException("the decoder mapping " + Arrays.toString(decoderMapping)
                        + " is no permutation of the coded channels");
            }
            capturedOfCoded[decoderMapping[captured]] = captured;
        }
        int[] captured = new int[codedChannelOfSlot.length];
        for (int slot = 0; slot < captured.length; slot++) {
            captured[slot] = capturedOfCoded[codedChannelOfSlot[slot]];
        }
        return captured;
    }

    private static int[] identity(int channels) {
        int[] identity = new int[channels];
        for (int i = 0; i < channels; i++) {
            identity[i] = i;
        }
        return identity;
    }

    private static long channelMask(int channels) {
        return switch (channels) {
            case 2 -> AV_CH_LAYOUT_STEREO;
            case 6 -> AV_CH_LAYOUT_5POINT1_BACK;
            case 8 -> AV_CH_LAYOUT_7POINT1;
            default -> throw new IllegalArgumentException(channels + " audio channels: 2, 6 or 8 are streamed");
        };
    }

    private static void check(int result, String what) {
        if (result < 0) {
            throw new IllegalStateException(ENCODER + " cannot " + what + ": FFmpeg error " + result);
        }
    }
}

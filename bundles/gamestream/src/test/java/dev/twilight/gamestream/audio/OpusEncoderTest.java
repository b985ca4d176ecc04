package dev.twilight.gamestream.audio;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_OPUS;
import static org.bytedeco.ffmpeg.global.avcodec.AV_INPUT_BUFFER_PADDING_SIZE;
import static org.bytedeco.ffmpeg.global.avcodec.av_new_packet;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_FLTP;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_mallocz;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.twilight.gamestream.crypto.OpusLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every advertised layout, end to end: a distinct tone per captured channel is encoded, then decoded as a client
 * does, with the advertised streams and the mapping the client derives from the advertised digits (FFmpeg's Opus
 * decoder with an OpusHead of mapping family 255, which keeps libopus's multistream channel order), and each output
 * channel must carry its own tone.
 */
class OpusEncoderTest {

    private static final int PACKET_MS = 5;
    private static final int PACKETS = 200;
    /** The first 50 ms hold the codec's start-up; the rest is measured. */
    private static final int SKIPPED_SAMPLES = 2_400;

    static List<OpusLayout> layouts() {
        return OpusLayout.ADVERTISED;
    }

    @ParameterizedTest
    @MethodSource("layouts")
    void eachCapturedChannelComesOutOfTheClientsDecoderOnItsOwnChannel(OpusLayout layout) {
        int channels = layout.channels();
        List<byte[]> packets = new ArrayList<>();
        try (OpusEncoder encoder = new OpusEncoder(layout, PACKET_MS,
                AudioSender.bitrate(channels, layout.highQuality()))) {
            for (int packet = 0; packet < PACKETS; packet++) {
                byte[] opus = encoder.encode(Tones.chunk(channels, (long) packet * encoder.frameSamples(),
                        encoder.frameSamples()));
                if (opus != null) {
                    packets.add(opus);
                }
            }
        }
        float[][] decoded = decode(layout, packets);
        int[] strongest = new int[channels];
        int[] expected = new int[channels];
        for (int channel = 0; channel < channels; channel++) {
            float[] measured = Arrays.copyOfRange(decoded[channel], SKIPPED_SAMPLES,
                    decoded[channel].length);
            strongest[channel] = Tones.strongest(measured, measured.length);
            expected[channel] = channel;
        }
        assertArrayEquals(expected, strongest, "the tone index heard on each output channel of " + layout);
    }

    /** Decodes into one array per output channel, as a client configured from DESCRIBE would. */
    private static float[][] decode(OpusLayout layout, List<byte[]> packets) {
        int channels = layout.channels();
        float[][] output = new float[channels][PACKETS * OpusEncoder.SAMPLE_RATE * PACKET_MS / 1000];
        int written = 0;
        AVCodecContext decoder = avcodec_alloc_context3(avcodec_find_decoder(AV_CODEC_ID_OPUS));
        AVPacket packet = av_packet_alloc();
        AVFrame frame = av_frame_alloc();
        try {
            byte[] head = OpusLayout.opusHead(layout.decoderStreams());
            BytePointer extradata = new BytePointer(av_mallocz(head.length + AV_INPUT_BUFFER_PADDING_SIZE));
            extradata.put(head);
            decoder.extradata(extradata);
            decoder.extradata_size(head.length);
            decoder.sample_rate(OpusEncoder.SAMPLE_RATE);
            assertEquals(0, avcodec_open2(decoder, avcodec_find_decoder(AV_CODEC_ID_OPUS), (AVDictionary) null));
            for (byte[] opus : packets) {
                assertEquals(0, av_new_packet(packet, opus.length));
                packet.data().put(opus);
                assertEquals(0, avcodec_send_packet(decoder, packet));
                while (avcodec_receive_frame(decoder, frame) == 0) {
                    assertEquals(AV_SAMPLE_FMT_FLTP, frame.format());
                    assertEquals(channels, frame.ch_layout().nb_channels());
                    int samples = Math.min(frame.nb_samples(), output[0].length - written);
                    for (int channel = 0; channel < channels; channel++) {
                        new FloatPointer(frame.data(channel)).get(output[channel], written, samples);
                    }
                    written += samples;
                }
            }
        } finally {
            av_frame_free(frame);
            av_packet_free(packet);
            avcodec_free_context(decoder);
        }
        assertEquals(output[0].length, written, "every sample decoded");
        return output;
    }
}

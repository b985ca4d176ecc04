package dev.twilight.media.ffmpeg;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_FLAG_LOW_DELAY;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_AV1;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_H264;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_HEVC;
import static org.bytedeco.ffmpeg.global.avcodec.av_new_packet;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder_by_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_clone;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;

import dev.twilight.api.decode.DecodedFrame;
import dev.twilight.api.decode.DecoderException;
import dev.twilight.api.decode.DecoderSession;
import dev.twilight.api.media.VideoCodec;
import dev.twilight.media.stamp.FrameStampCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;

/**
 * An FFmpeg (libavcodec) decoder for Annex B access units, in low-delay mode so that each access unit in gives
 * its picture out at once. Each picture's luma is copied out and its frame stamp, if any, read back; a display
 * can also have each whole picture, by reference ({@link #handPicturesTo}).
 */
public final class FfmpegDecoderSession implements DecoderSession {

    private final VideoCodec codec;
    private AVCodecContext context;
    private AVPacket packet;
    private AVFrame picture;
    private boolean draining;
    private Consumer<DecodedPicture> pictures;

    private FfmpegDecoderSession(VideoCodec codec) {
        this.codec = codec;
    }

    /** Opens FFmpeg's default (software) decoder of the codec. */
    public static FfmpegDecoderSession open(VideoCodec codec) throws DecoderException {
        return open(codec, avcodec_find_decoder(codecId(codec)), codec.displayName());
    }

    /**
     * Opens a decoder by its FFmpeg name, e.g. {@code h264_cuvid} (NVIDIA's NVDEC, which hands back pictures in
     * main memory like a software decoder). Fails when the build lacks it or its hardware is absent.
     */
    public static FfmpegDecoderSession open(VideoCodec codec, String decoderName) throws DecoderException {
        return open(codec, avcodec_find_decoder_by_name(decoderName), decoderName);
    }

    private static FfmpegDecoderSession open(VideoCodec codec, AVCodec decoder, String name)
            throws DecoderException {
        if (decoder == null || decoder.isNull()) {
            throw new DecoderException("this FFmpeg build has no " + name + " decoder");
        }
        FfmpegDecoderSession session = new FfmpegDecoderSession(codec);
        session.context = avcodec_alloc_context3(decoder);
        session.context.flags(session.context.flags() | AV_CODEC_FLAG_LOW_DELAY);
        int result = avcodec_open2(session.context, decoder, (AVDictionary) null);
        if (result < 0) {
            session.close();
            throw new DecoderException("cannot open the " + name + " decoder: " + FfmpegErrors.describe(result));
        }
        session.packet = av_packet_alloc();
        session.picture = av_frame_alloc();
        return session;
    }

    /**
     * Also hands every picture decoded from now on to {@code receiver}, on the decoding thread and before
     * {@link #decode} returns it, as a {@link DecodedPicture} that the receiver must close.
     */
    public void handPicturesTo(Consumer<DecodedPicture> receiver) {
        this.pictures = receiver;
    }

    /** Whether this FFmpeg build can decode the codec. */
    public static boolean available(VideoCodec codec) {
        AVCodec decoder = avcodec_find_decoder(codecId(codec));
        return decoder != null && !decoder.isNull();
    }

    private static int codecId(VideoCodec codec) {
        switch (codec) {
            case H264: return AV_CODEC_ID_H264;
            case HEVC: return AV_CODEC_ID_HEVC;
            case AV1: return AV_CODEC_ID_AV1;
            default: throw new IllegalArgumentException(codec.toString());
        }
    }

    @Override
    public List<DecodedFrame> decode(byte[] accessUnit) throws DecoderException {
        if (draining) {
            throw new DecoderException("the decoder was flushed; open a new one for another stream");
        }
        int result = av_new_packet(packet, accessUnit.length);
        if (result < 0) {
            throw new DecoderException("cannot allocate a packet: " + FfmpegErrors.describe(result));
        }
        try {
            packet.data().put(accessUnit);
            result = avcodec_send_packet(context, packet);
        } finally {
            av_packet_unref(packet);
        }
        if (result < 0 && result != FfmpegErrors.AGAIN) {
            throw new DecoderException(codec.displayName() + " decoder rejected " + accessUnit.length
                    + " bytes: " + FfmpegErrors.describe(result));
        }
        return receive();
    }

    @Override
    public List<DecodedFrame> flush() throws DecoderException {
        if (!draining) {
            draining = true;
            avcodec_send_packet(context, null);
        }
        return receive();
    }

    private List<DecodedFrame> receive() throws DecoderException {
        List<DecodedFrame> frames = new ArrayList<>(1);
        while (true) {
            int result = avcodec_receive_frame(context, picture);
            if (result == FfmpegErrors.AGAIN || result == AVERROR_EOF) {
                return frames;
            }
            if (result < 0) {
                throw new DecoderException(codec.displayName() + " decoding failed: " + FfmpegErrors.describe(result));
            }
            try {
                DecodedFrame frame = copyOut();
                if (pictures != null) {
                    pictures.accept(new DecodedPicture(av_frame_clone(picture), frame.decodedNanos()));
                }
                frames.add(frame);
            } finally {
                av_frame_unref(picture);
            }
        }
    }

    private DecodedFrame copyOut() {
        int width = picture.width();
        int height = picture.height();
        int stride = picture.linesize(0);
        byte[] strided = new byte[stride * height];
        picture.data(0).get(strided);
        byte[] luma;
        if (stride == width) {
            luma = strided;
        } else {
            luma = new byte[width * height];
            for (int row = 0; row < height; row++) {
                System.arraycopy(strided, row * stride, luma, row * width, width);
            }
        }
        boolean keyFrame = (picture.flags() & AVFrame.AV_FRAME_FLAG_KEY) != 0;
        return new DecodedFrame(width, height, keyFrame, luma,
                FrameStampCode.forPicture(width, height).flatMap(code -> code.read(luma, width)),
                System.nanoTime());
    }

    @Override
    public void close() {
        CodecObjects.free(context, packet, picture);
        context = null;
        packet = null;
        picture = null;
    }
}

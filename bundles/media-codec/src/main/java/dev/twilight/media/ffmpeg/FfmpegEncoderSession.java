package dev.twilight.media.ffmpeg;

import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
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
import static org.bytedeco.ffmpeg.global.avutil.AV_PICTURE_TYPE_I;
import static org.bytedeco.ffmpeg.global.avutil.AV_PICTURE_TYPE_NONE;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_get_buffer;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_make_writable;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;

import dev.twilight.api.encode.EncoderException;
import dev.twilight.api.encode.EncoderSession;
import dev.twilight.api.media.AccessUnit;
import dev.twilight.api.media.PixelFormat;
import dev.twilight.api.media.StreamConfiguration;
import dev.twilight.api.media.VideoFrame;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;

/**
 * An FFmpeg (libavcodec) video encoder opened for low-latency streaming: no B-frames, one access unit out for
 * each frame in, parameter sets repeated in-band on every IDR, IDR on demand, a VBV of one frame. Every
 * encoder backend built on FFmpeg (x264, x265, openh264, NVENC, QSV, VAAPI) opens its session through here
 * with its own codec name and private options.
 */
public final class FfmpegEncoderSession implements EncoderSession {

    /** How long {@link #close()} waits for a running {@link #encode} before freeing the encoder anyway. */
    private static final long CLOSE_WAIT_MILLIS = 2000;

    private final String encoderName;
    private final StreamConfiguration configuration;
    private final boolean liveBitrate;
    private final ReentrantLock lock = new ReentrantLock();
    private final long[] captureNanosByPts = new long[64];
    private AVCodecContext context;
    private AVFrame picture;
    private AVPacket packet;
    private volatile boolean closed;

    private FfmpegEncoderSession(String encoderName, StreamConfiguration configuration, boolean liveBitrate) {
        this.encoderName = encoderName;
        this.configuration = configuration;
        this.liveBitrate = liveBitrate;
    }

    /**
     * Opens an encoder.
     *
     * @param encoderName  the Twilight encoder name put into access units, e.g. {@code x264}
     * @param ffmpegCodec  the libavcodec encoder, e.g. {@code libx264}
     * @param config       stream configuration
     * @param options      the encoder's private options ({@code preset}, {@code tune}...)
     * @param liveBitrate  whether this libavcodec encoder applies bitrate changes between frames
     */
    public static FfmpegEncoderSession open(String encoderName, String ffmpegCodec, StreamConfiguration config,
                                            Map<String, String> options, boolean liveBitrate) throws EncoderException {
        AVCodec codec = avcodec_find_encoder_by_name(ffmpegCodec);
        if (codec == null || codec.isNull()) {
            throw new EncoderException("this FFmpeg build has no encoder '" + ffmpegCodec
                    + "'; install the Twilight FFmpeg bundle built with the GPL natives");
        }
        FfmpegEncoderSession session = new FfmpegEncoderSession(encoderName, config, liveBitrate);
        try {
            session.start(codec, options);
            return session;
        } catch (EncoderException | RuntimeException e) {
            session.free();
            throw e;
        }
    }

    private void start(AVCodec codec, Map<String, String> options) throws EncoderException {
        context = avcodec_alloc_context3(codec);
        if (context == null || context.isNull()) {
            throw new EncoderException(encoderName + ": out of memory allocating the encoder context");
        }
        context.width(configuration.width());
        context.height(configuration.height());
        // by-value structs are copied into the context; free ours now rather than leave them to JavaCPP's GC
        // thread, which may outlive this bundle's native libraries after an update
        try (AVRational timeBase = av_make_q(1, configuration.fps());
             AVRational frameRate = av_make_q(configuration.fps(), 1)) {
            context.time_base(timeBase);
            context.framerate(frameRate);
        }
        context.pix_fmt(AV_PIX_FMT_YUV420P);
        context.max_b_frames(0);
        context.slices(configuration.slicesPerFrame());
        if (configuration.maxReferenceFrames() > 0) {
            context.refs(configuration.maxReferenceFrames());
        }
        applyBitrate(configuration.bitrateKbps());

        AVDictionary dictionary = new AVDictionary(null);
        options.forEach((key, value) -> av_dict_set(dictionary, key, value, 0));
        int result = avcodec_open2(context, codec, dictionary);
        av_dict_free(dictionary);
        if (result < 0) {
            throw new EncoderException(encoderName + " cannot encode " + configuration + ": "
                    + FfmpegErrors.describe(result) + "; try a lower resolution or another encoder");
        }

        picture = av_frame_alloc();
        picture.format(AV_PIX_FMT_YUV420P);
        picture.width(configuration.width());
        picture.height(configuration.height());
        result = av_frame_get_buffer(picture, 0);
        if (result < 0) {
            throw new EncoderException(encoderName + ": cannot allocate a picture: " + FfmpegErrors.describe(result));
        }
        packet = av_packet_alloc();
    }

    private void applyBitrate(int kbps) {
        long bitsPerSecond = kbps * 1000L;
        context.bit_rate(bitsPerSecond);
        context.rc_max_rate(bitsPerSecond);
        // One frame of VBV keeps every picture close to its share of the bitrate: no bursts to buffer.
        context.rc_buffer_size((int) Math.min(Integer.MAX_VALUE, bitsPerSecond / configuration.fps()));
    }

    @Override
    public StreamConfiguration configuration() {
        return configuration;
    }

    @Override
    public List<AccessUnit> encode(VideoFrame frame, long frameNumber, boolean forceIdr) throws EncoderException {
        lock.lock();
        try {
            if (closed) {
                throw new EncoderException(encoderName + " session is closed");
            }
            if (frame.format() != PixelFormat.YUV420P || frame.width() != configuration.width()
                    || frame.height() != configuration.height()) {
                throw new EncoderException(encoderName + " was opened for " + configuration.width() + "x"
                        + configuration.height() + " YUV420P but got " + frame.width() + "x" + frame.height()
                        + " " + frame.format());
            }
            int result = av_frame_make_writable(picture);
            if (result < 0) {
                throw new EncoderException(encoderName + ": picture not writable: " + FfmpegErrors.describe(result));
            }
            for (int plane = 0; plane < 3; plane++) {
                int rows = plane == 0 ? frame.height() : frame.height() / 2;
                int rowBytes = plane == 0 ? frame.width() : frame.width() / 2;
                copyPlane(frame.planes()[plane], frame.strides()[plane], picture.data(plane),
                        picture.linesize(plane), rowBytes, rows);
            }
            picture.pts(frameNumber);
            picture.pict_type(forceIdr ? AV_PICTURE_TYPE_I : AV_PICTURE_TYPE_NONE);
            captureNanosByPts[(int) (frameNumber & (captureNanosByPts.length - 1))] = frame.captureNanos();

            result = avcodec_send_frame(context, picture);
            if (result < 0) {
                throw new EncoderException(encoderName + " rejected frame " + frameNumber + ": "
                        + FfmpegErrors.describe(result));
            }
            return drain();
        } finally {
            lock.unlock();
        }
    }

    private List<AccessUnit> drain() throws EncoderException {
        List<AccessUnit> units = new ArrayList<>(1);
        while (true) {
            int result = avcodec_receive_packet(context, packet);
            if (result == FfmpegErrors.AGAIN || result == AVERROR_EOF) {
                return units;
            }
            if (result < 0) {
                throw new EncoderException(encoderName + " failed: " + FfmpegErrors.describe(result));
            }
            try {
                byte[] data = new byte[packet.size()];
                packet.data().get(data);
                long pts = packet.pts();
                units.add(new AccessUnit(configuration.codec(), data, (packet.flags() & AV_PKT_FLAG_KEY) != 0, pts,
                        captureNanosByPts[(int) (pts & (captureNanosByPts.length - 1))], System.nanoTime(),
                        encoderName));
            } finally {
                av_packet_unref(packet);
            }
        }
    }

    private static void copyPlane(ByteBuffer source, int sourceStride, BytePointer target, int targetStride,
                                  int rowBytes, int rows) {
        BytePointer from = new BytePointer(source);
        long base = from.position();
        if (sourceStride == targetStride) {
            Pointer.memcpy(target, from, (long) sourceStride * rows);
            return;
        }
        for (int row = 0; row < rows; row++) {
            Pointer.memcpy(target.position((long) row * targetStride), from.position(base + (long) row * sourceStride),
                    rowBytes);
        }
    }

    @Override
    public boolean updateBitrate(int bitrateKbps) {
        if (!liveBitrate) {
            return false;
        }
        lock.lock();
        try {
            if (!closed) {
                applyBitrate(bitrateKbps);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        boolean locked = false;
        try {
            locked = lock.tryLock(CLOSE_WAIT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            if (!closed) {
                closed = true;
                if (locked) {
                    free();
                }
                // Not locked: an encode call is stuck inside FFmpeg; leaking its context beats freeing it under it.
            }
        } finally {
            if (locked) {
                lock.unlock();
            }
        }
    }

    private void free() {
        if (packet != null) {
            av_packet_free(packet);
        }
        if (picture != null) {
            av_frame_free(picture);
        }
        if (context != null) {
            avcodec_free_context(context);
        }
    }
}

package dev.twilight.client.record;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_H264;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_HEVC;
import static org.bytedeco.ffmpeg.global.avcodec.AV_INPUT_BUFFER_PADDING_SIZE;
import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
import static org.bytedeco.ffmpeg.global.avcodec.av_new_packet;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_rescale_ts;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avformat.AVIO_FLAG_WRITE;
import static org.bytedeco.ffmpeg.global.avformat.av_interleaved_write_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_write_trailer;
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_output_context2;
import static org.bytedeco.ffmpeg.global.avformat.avformat_free_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_new_stream;
import static org.bytedeco.ffmpeg.global.avformat.avformat_write_header;
import static org.bytedeco.ffmpeg.global.avformat.avio_closep;
import static org.bytedeco.ffmpeg.global.avformat.avio_open;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;
import static org.bytedeco.ffmpeg.global.avutil.av_mallocz;

import dev.twilight.api.client.ClientException;
import dev.twilight.api.client.ReceivedFrame;
import dev.twilight.api.media.VideoCodec;
import dev.twilight.client.sink.FrameSink;
import dev.twilight.media.ffmpeg.FfmpegErrors;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.PointerPointer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the received H.264 or HEVC frames into a Matroska file as they came, without re-encoding (FFmpeg's
 * muxer turns Annex B into the track's length-prefixed form). The file starts at the first key frame, whose
 * parameter sets become the track's codec private data; after a gap in frame numbers it skips to the next key
 * frame, since the frames between could not be decoded. Timestamps are the frames' 90 kHz RTP timestamps (the
 * host's capture times), from 0. Writing happens on the video thread: a frame is a few kilobytes into the page
 * cache. A write error ends the recording with a warning; the stream goes on.
 */
public final class MatroskaRecorder implements FrameSink {

    private static final Logger LOG = LoggerFactory.getLogger(MatroskaRecorder.class);
    private static final AVRational RTP_CLOCK = av_make_q(1, 90_000);

    private final Path file;
    private final VideoCodec codec;
    private final int width;
    private final int height;
    private AVFormatContext container;
    private AVStream track;
    private AVPacket packet;
    private boolean waitingForKeyFrame = true;
    private boolean failed;
    private long lastFrameIndex = -1;
    private int lastRtpTimestamp;
    private long lastPts = -1;
    private long framesWritten;

    private MatroskaRecorder(Path file, VideoCodec codec, int width, int height) {
        this.file = file;
        this.codec = codec;
        this.width = width;
        this.height = height;
    }

    /**
     * Prepares a recording into {@code file} (replaced if it exists); the file is created with the first key frame.
     *
     * @throws ClientException when the codec is neither H.264 nor HEVC or the file's folder cannot be written
     */
    public static MatroskaRecorder open(Path file, VideoCodec codec, int width, int height) throws ClientException {
        if (codec != VideoCodec.H264 && codec != VideoCodec.HEVC) {
            throw new ClientException(0, "recording takes H.264 or HEVC streams, not " + codec.displayName());
        }
        Path folder = file.toAbsolutePath().getParent();
        if (!Files.isDirectory(folder) || !Files.isWritable(folder)) {
            throw new ClientException(0, "cannot record into " + file + ": " + folder
                    + " is not a folder this user can write to");
        }
        return new MatroskaRecorder(file.toAbsolutePath(), codec, width, height);
    }

    /** Frames in the file so far. */
    public long framesWritten() {
        return framesWritten;
    }

    @Override
    public void write(ReceivedFrame frame) {
        if (failed) {
            return;
        }
        boolean gap = lastFrameIndex >= 0 && frame.frameIndex() != lastFrameIndex + 1;
        lastFrameIndex = frame.frameIndex();
        if (gap) {
            waitingForKeyFrame = true;
        }
        if (waitingForKeyFrame && !frame.keyFrame()) {
            return;
        }
        waitingForKeyFrame = false;
        try {
            if (container == null) {
                start(frame);
            }
            append(frame);
        } catch (RecordingException e) {
            failed = true;
            LOG.warn("Recording into {} stopped after {} frames: {}", file, framesWritten, e.getMessage());
        }
    }

    private void start(ReceivedFrame first) throws RecordingException {
        byte[] parameterSets = ParameterSets.of(codec, first.accessUnit());
        if (parameterSets.length == 0) {
            throw new RecordingException("the first key frame carries no parameter sets");
        }
        container = new AVFormatContext(null);
        check(avformat_alloc_output_context2(container, null, "matroska", file.toString()), "open the muxer");
        track = avformat_new_stream(container, null);
        track.time_base(RTP_CLOCK);
        AVCodecParameters parameters = track.codecpar();
        parameters.codec_type(AVMEDIA_TYPE_VIDEO);
        parameters.codec_id(codec == VideoCodec.H264 ? AV_CODEC_ID_H264 : AV_CODEC_ID_HEVC);
        parameters.width(width);
        parameters.height(height);
        // the muxer frees it with the context
        BytePointer extradata = new BytePointer(av_mallocz(parameterSets.length + AV_INPUT_BUFFER_PADDING_SIZE));
        extradata.put(parameterSets);
        parameters.extradata(extradata);
        parameters.extradata_size(parameterSets.length);
        AVIOContext output = new AVIOContext(null);
        check(avio_open(output, file.toString(), AVIO_FLAG_WRITE), "create the file");
        container.pb(output);
        check(avformat_write_header(container, (PointerPointer<?>) null), "write the header");
        packet = av_packet_alloc();
        lastRtpTimestamp = first.rtpTimestamp();
    }

    private void append(ReceivedFrame frame) throws RecordingException {
        // the difference of two 32-bit timestamps is right across a wrap; a host whose clock stands still still
        // gets increasing timestamps, which the muxer requires
        long pts = lastPts < 0 ? 0 : lastPts + Math.max(1, frame.rtpTimestamp() - lastRtpTimestamp);
        check(av_new_packet(packet, frame.accessUnit().length), "allocate a packet");
        packet.data().put(frame.accessUnit());
        packet.pts(pts);
        packet.dts(pts);
        packet.stream_index(track.index());
        packet.flags(frame.keyFrame() ? AV_PKT_FLAG_KEY : 0);
        av_packet_rescale_ts(packet, RTP_CLOCK, track.time_base());
        int written = av_interleaved_write_frame(container, packet);
        av_packet_unref(packet);
        check(written, "write frame " + frame.frameIndex());
        lastPts = pts;
        lastRtpTimestamp = frame.rtpTimestamp();
        framesWritten++;
    }

    @Override
    public void close() {
        if (container == null) {
            if (!failed) {
                LOG.warn("Nothing recorded into {}: no key frame arrived", file);
            }
            return;
        }
        if (!failed) {
            int result = av_write_trailer(container);
            if (result < 0) {
                LOG.warn("Recording into {} may be incomplete: {}", file, FfmpegErrors.describe(result));
            }
        }
        if (container.pb() != null && !container.pb().isNull()) {
            avio_closep(container.pb());
        }
        avformat_free_context(container);
        container = null;
        if (packet != null) {
            av_packet_free(packet);
            packet = null;
        }
        LOG.info("Recorded {} frames into {}", framesWritten, file);
    }

    private static void check(int result, String what) throws RecordingException {
        if (result < 0) {
            throw new RecordingException("cannot " + what + ": " + FfmpegErrors.describe(result));
        }
    }

    private static final class RecordingException extends Exception {

        private static final long serialVersionUID = 1L;

        RecordingException(String message) {
            super(message);
        }
    }
}

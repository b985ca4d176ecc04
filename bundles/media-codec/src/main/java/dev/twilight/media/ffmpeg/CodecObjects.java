package dev.twilight.media.ffmpeg;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;

import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVFrame;

/** The three objects every FFmpeg codec session allocates, freed together. */
public final class CodecObjects {

    private CodecObjects() {
    }

    /** Frees the frame, the packet and then the context; any of them may be null (never allocated). */
    public static void free(AVCodecContext context, AVPacket packet, AVFrame frame) {
        if (frame != null) {
            av_frame_free(frame);
        }
        if (packet != null) {
            av_packet_free(packet);
        }
        if (context != null) {
            avcodec_free_context(context);
        }
    }
}

package dev.twilight.client.decode;

import dev.twilight.api.decode.DecoderException;
import dev.twilight.api.decode.DecoderSession;
import dev.twilight.api.decode.VideoDecoder;
import dev.twilight.api.media.VideoCodec;
import dev.twilight.media.ffmpeg.FfmpegDecoderSession;
import java.util.EnumSet;
import java.util.Set;
import org.osgi.service.component.annotations.Component;

/** Software decoding through libavcodec: H.264, HEVC and AV1 as this FFmpeg build has them. */
@Component(service = VideoDecoder.class)
public class FfmpegVideoDecoder implements VideoDecoder {

    private final Set<VideoCodec> codecs;

    public FfmpegVideoDecoder() {
        Set<VideoCodec> found = EnumSet.noneOf(VideoCodec.class);
        for (VideoCodec codec : VideoCodec.values()) {
            if (FfmpegDecoderSession.available(codec)) {
                found.add(codec);
            }
        }
        this.codecs = Set.copyOf(found);
    }

    @Override
    public String name() {
        return "ffmpeg";
    }

    @Override
    public Set<VideoCodec> codecs() {
        return codecs;
    }

    @Override
    public DecoderSession open(VideoCodec codec) throws DecoderException {
        if (!codecs.contains(codec)) {
            throw new DecoderException("this FFmpeg build cannot decode " + codec.displayName()
                    + "; ask the host for one of " + codecs);
        }
        return FfmpegDecoderSession.open(codec);
    }
}

package dev.twilight.encoder.openh264;

import dev.twilight.api.encode.HardwareKind;
import dev.twilight.api.encode.VideoEncoder;
import dev.twilight.api.media.StreamConfiguration;
import dev.twilight.api.media.VideoCodec;
import dev.twilight.media.ffmpeg.FfmpegVideoEncoder;
import java.util.Map;
import org.osgi.service.component.annotations.Component;

/**
 * H.264 through Cisco's openh264: about 720p60 on two cores. It lives apart from the x264 bundle so that it
 * stays when x264 is stopped, updated or left out for licensing reasons, and the pipeline falls back to it.
 * libopenh264 cannot change its bitrate in place: the pipeline reopens it with an IDR instead.
 */
@Component(service = VideoEncoder.class)
public class OpenH264Encoder extends FfmpegVideoEncoder {

    public OpenH264Encoder() {
        super("openh264", "software H.264 (openh264)", HardwareKind.SOFTWARE, VideoCodec.H264, "libopenh264",
                false);
    }

    @Override
    protected Map<String, String> options(StreamConfiguration configuration) {
        // skipping frames to hold the bitrate would punch holes in the frame sequence clients count
        return Map.of("allow_skip_frames", "0", "g", "0");
    }
}

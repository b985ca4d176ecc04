package dev.twilight.encoder.software;

import dev.twilight.api.encode.HardwareKind;
import dev.twilight.api.encode.VideoEncoder;
import dev.twilight.api.media.StreamConfiguration;
import dev.twilight.api.media.VideoCodec;
import dev.twilight.media.ffmpeg.FfmpegVideoEncoder;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** H.264 through libx264: the only software encoder fast enough for 1080p60 on two cores. */
@Component(service = VideoEncoder.class, configurationPid = X264Encoder.PID)
@Designate(ocd = X264Encoder.Config.class)
public class X264Encoder extends FfmpegVideoEncoder {

    static final String PID = "dev.twilight.encoder.x264";

    @ObjectClassDefinition(name = "Twilight x264 encoder", description = "Software H.264 through libx264")
    public @interface Config {
        @AttributeDefinition(name = "Preset", description = "x264 speed preset; faster presets cost bitrate, not latency")
        String preset() default "ultrafast";

        @AttributeDefinition(name = "Threads", description = "Encoder threads, 0 for one per core", min = "0", max = "64")
        int threads() default 0;
    }

    private volatile Config config;

    @Activate
    public X264Encoder(Config config) {
        super("x264", "software H.264 (libx264)", HardwareKind.SOFTWARE, VideoCodec.H264, "libx264", true);
        this.config = config;
    }

    /** Applies to sessions opened from now on; the pipeline keeps running ones. */
    @Modified
    void modified(Config newConfig) {
        this.config = newConfig;
    }

    @Override
    protected Map<String, String> options(StreamConfiguration configuration) {
        Config settings = config;
        return Map.of(
                "preset", settings.preset(),
                "tune", "zerolatency",
                // an I picture asked for by the pipeline must be an IDR a client can start from
                "forced-idr", "1",
                "threads", Integer.toString(settings.threads()),
                // IDRs only on request (clients ask after loss): periodic ones are bitrate spikes
                "x264-params", "keyint=infinite:min-keyint=1:repeat-headers=1");
    }
}

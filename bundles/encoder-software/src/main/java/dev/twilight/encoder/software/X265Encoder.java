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

/** HEVC through libx265, for clients that ask for it; far slower than x264 in software. */
@Component(service = VideoEncoder.class, configurationPid = X265Encoder.PID)
@Designate(ocd = X265Encoder.Config.class)
public class X265Encoder extends FfmpegVideoEncoder {

    static final String PID = "dev.twilight.encoder.x265";

    @ObjectClassDefinition(name = "Twilight x265 encoder", description = "Software HEVC through libx265")
    public @interface Config {
        @AttributeDefinition(name = "Preset", description = "x265 speed preset")
        String preset() default "ultrafast";
    }

    private volatile Config config;

    @Activate
    public X265Encoder(Config config) {
        super("x265", "software HEVC (libx265)", HardwareKind.SOFTWARE, VideoCodec.HEVC, "libx265", true);
        this.config = config;
    }

    @Modified
    void modified(Config newConfig) {
        this.config = newConfig;
    }

    @Override
    protected Map<String, String> options(StreamConfiguration configuration) {
        return Map.of(
                "preset", config.preset(),
                "tune", "zerolatency",
                "forced-idr", "1",
                "x265-params", "keyint=-1:repeat-headers=1:log-level=error");
    }
}

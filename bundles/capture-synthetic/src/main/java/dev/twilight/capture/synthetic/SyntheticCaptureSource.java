package dev.twilight.capture.synthetic;

import dev.twilight.api.capture.CaptureException;
import dev.twilight.api.capture.VideoCapture;
import dev.twilight.api.capture.VideoCaptureSource;
import dev.twilight.api.capture.VideoMode;
import dev.twilight.api.media.Availability;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The embedded default picture source: a moving test pattern at any size and rate, each picture stamped with
 * its frame number and capture time so that receivers can measure loss and latency.
 */
@Component(service = VideoCaptureSource.class, configurationPid = SyntheticCaptureSource.PID)
@Designate(ocd = SyntheticCaptureSource.Config.class)
public class SyntheticCaptureSource implements VideoCaptureSource {

    static final String PID = "dev.twilight.capture.synthetic";

    @ObjectClassDefinition(name = "Twilight synthetic capture",
            description = "Moving colour bars stamped with frame number and capture time")
    public @interface Config {
        @AttributeDefinition(name = "Speed", description = "Pixels the bars move per frame", min = "0", max = "256")
        int speed() default 8;

        @AttributeDefinition(name = "Stamp", description = "Write the frame number and capture time into each picture")
        boolean stamp() default true;
    }

    private final Set<SyntheticCapture> open = ConcurrentHashMap.newKeySet();
    private volatile Config config;

    @Activate
    public SyntheticCaptureSource(Config config) {
        this.config = config;
    }

    /** New captures use the new settings; running ones keep theirs. */
    @Modified
    void modified(Config newConfig) {
        this.config = newConfig;
    }

    @Deactivate
    void deactivate() {
        List.copyOf(open).forEach(SyntheticCapture::close);
    }

    @Override
    public String name() {
        return "synthetic";
    }

    @Override
    public String description() {
        return "moving colour bars with frame stamps (no display needed)";
    }

    @Override
    public Availability probe() {
        return Availability.available("generated in memory");
    }

    @Override
    public VideoCapture open(VideoMode mode) throws CaptureException {
        Config settings = config;
        SyntheticCapture capture = new SyntheticCapture(mode,
                new TestPattern(mode.width(), mode.height(), settings.speed(), settings.stamp()), open::remove);
        open.add(capture);
        return capture;
    }
}

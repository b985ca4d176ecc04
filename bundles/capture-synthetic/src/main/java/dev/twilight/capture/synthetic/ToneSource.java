package dev.twilight.capture.synthetic;

import dev.twilight.api.capture.AudioCapture;
import dev.twilight.api.capture.AudioCaptureSource;
import dev.twilight.api.capture.AudioFormat;
import dev.twilight.api.media.Availability;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/**
 * The embedded default sound source: a quiet 440 Hz sine on every channel, for any channel count and chunk length,
 * paced by its own clock. Streams fall back to it when no system audio source can capture.
 */
@Component(service = AudioCaptureSource.class)
public class ToneSource implements AudioCaptureSource {

    private final Set<ToneCapture> open = ConcurrentHashMap.newKeySet();

    /** Stopping the bundle ends running captures: their readers move to another source. */
    @Deactivate
    void deactivate() {
        List.copyOf(open).forEach(ToneCapture::close);
    }

    @Override
    public String name() {
        return "tone";
    }

    @Override
    public String description() {
        return "a quiet 440 Hz test tone on every channel (no sound device needed)";
    }

    @Override
    public Availability probe() {
        return Availability.available("generated in memory");
    }

    @Override
    public AudioCapture open(AudioFormat format) {
        ToneCapture capture = new ToneCapture(format, open::remove);
        open.add(capture);
        return capture;
    }
}

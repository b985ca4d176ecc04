package dev.twilight.api.capture;

import dev.twilight.api.media.Availability;
import org.osgi.annotation.versioning.ConsumerType;

/** A source of sound for the host: system audio, or a synthetic tone. Picked by {@link #name()} like video. */
@ConsumerType
public interface AudioCaptureSource {

    String name();

    String description();

    Availability probe();

    /** Starts capturing interleaved 16-bit PCM in the given format. */
    AudioCapture open(AudioFormat format) throws CaptureException;
}

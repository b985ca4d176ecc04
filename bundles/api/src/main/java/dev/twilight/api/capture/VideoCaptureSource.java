package dev.twilight.api.capture;

import dev.twilight.api.media.Availability;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A source of pictures for the host: a desktop, a window, a test pattern. Registered as an OSGi service;
 * the host pipeline picks one by the configured preference of {@link #name()}.
 */
@ConsumerType
public interface VideoCaptureSource {

    /** Short stable name used in configuration, e.g. {@code synthetic} or {@code x11}. */
    String name();

    /** One line for people: what is captured. */
    String description();

    /** Whether this source can capture here, and why not. */
    Availability probe();

    /**
     * Starts capturing at the given size and rate.
     *
     * @throws CaptureException when the source cannot deliver that mode; the message says why and what to do
     */
    VideoCapture open(VideoMode mode) throws CaptureException;
}

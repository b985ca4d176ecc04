package dev.twilight.api.client;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a {@link Playback} puts what it plays, besides decoding it and counting.
 *
 * @param window    whether to show the stream in a window
 * @param recording a Matroska file that receives the stream's video as it arrived (no re-encoding), replaced if it
 *                  exists; empty records nothing
 */
public record PlaybackOutputs(Window window, Optional<Path> recording) {

    /** Decode and count only. */
    public static final PlaybackOutputs NONE = new PlaybackOutputs(Window.NONE, Optional.empty());

    public PlaybackOutputs {
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(recording, "recording");
    }

    public enum Window {
        /** No window. */
        NONE,
        /** A window when this process has a display (X11 {@code DISPLAY} set, AWT not headless), none otherwise. */
        IF_DISPLAY,
        /** A window; playing fails with a {@link ClientException} naming the remedy when there is no display. */
        REQUIRED
    }
}

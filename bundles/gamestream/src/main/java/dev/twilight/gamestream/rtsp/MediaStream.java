package dev.twilight.gamestream.rtsp;

import java.util.Optional;

/** The streams a client sets up with RTSP SETUP, named as in its {@code streamid=<name>/...} target. */
public enum MediaStream {
    AUDIO("audio"),
    VIDEO("video"),
    CONTROL("control");

    private final String wireName;

    MediaStream(String wireName) {
        this.wireName = wireName;
    }

    /**
     * The stream a SETUP target names: the word between {@code =} and the next {@code /}
     * ({@code streamid=control/13/0} is the control stream), as Sunshine routes it.
     */
    static Optional<MediaStream> ofSetupTarget(String target) {
        int equals = target.indexOf('=');
        if (equals < 0) {
            return Optional.empty();
        }
        int slash = target.indexOf('/', equals + 1);
        String name = target.substring(equals + 1, slash < 0 ? target.length() : slash);
        for (MediaStream stream : values()) {
            if (stream.wireName.equals(name)) {
                return Optional.of(stream);
            }
        }
        return Optional.empty();
    }
}

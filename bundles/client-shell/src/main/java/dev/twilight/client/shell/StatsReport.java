package dev.twilight.client.shell;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.twilight.api.client.PlaybackStatistics;
import dev.twilight.api.client.StreamEnd;
import dev.twilight.api.client.StreamSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * What {@code --stats-json} writes: the request, how long it ran, how it ended, and every counter.
 *
 * @param host       as typed
 * @param app        the app's title
 * @param appId      its id
 * @param resumed    whether the app was already running and the stream resumed it
 * @param settings   what was asked of the host
 * @param seconds    how long the stream played
 * @param end        how it ended
 * @param statistics the playback's and the connection's counters at the end
 */
record StatsReport(String host, String app, int appId, boolean resumed, StreamSettings settings, double seconds,
                   StreamEnd end, PlaybackStatistics statistics) {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** Writes the report whole or not at all, so a reader never sees half a file. */
    static void write(Path file, StatsReport report) throws IOException {
        Path absolute = file.toAbsolutePath();
        Path partial = absolute.resolveSibling(absolute.getFileName() + ".partial");
        JSON.writeValue(partial.toFile(), report);
        Files.move(partial, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}

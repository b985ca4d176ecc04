package dev.twilight.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StateDirectoryTest {

    @Test
    void configuredThenFrameworkThenXdgDataHomeThenHome() {
        assertEquals(Path.of("/etc/tw"), StateDirectory.resolve(" /etc/tw ", "/fw", "host", Map.of(), "/home/u"));
        assertEquals(Path.of("/fw"), StateDirectory.resolve("", "/fw", "host", Map.of(), "/home/u"));
        assertEquals(Path.of("/data/twilight/client"),
                StateDirectory.resolve("", null, "client", Map.of("XDG_DATA_HOME", "/data"), "/home/u"));
        assertEquals(Path.of("/home/u/.local/share/twilight/host"),
                StateDirectory.resolve("", "", "host", Map.of("XDG_DATA_HOME", ""), "/home/u"));
    }

    /** The host and the admin API have no state_dir of their own: only the framework property. */
    @Test
    void theHostsFolderComesFromThePropertyThenXdgThenHome() {
        Map<String, String> xdg = Map.of("XDG_DATA_HOME", "/xdg");
        assertEquals(Path.of("/srv/state"),
                StateDirectory.resolve(null, "/srv/state", StateDirectory.HOST, xdg, "/home/me"));
        assertEquals(Path.of("/xdg/twilight/host"), StateDirectory.resolve(null, null, StateDirectory.HOST, xdg,
                "/home/me"));
        assertEquals(Path.of("/home/me/.local/share/twilight/host"),
                StateDirectory.resolve(null, " ", StateDirectory.HOST, Map.of("XDG_DATA_HOME", ""), "/home/me"));
        assertEquals(Path.of("/home/me/.local/share/twilight/host"),
                StateDirectory.resolve(null, "", StateDirectory.HOST, Map.of(), "/home/me"));
    }
}

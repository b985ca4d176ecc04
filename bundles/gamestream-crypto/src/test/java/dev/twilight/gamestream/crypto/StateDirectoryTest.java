package dev.twilight.gamestream.crypto;

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
}

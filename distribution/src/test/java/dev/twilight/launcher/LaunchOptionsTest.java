package dev.twilight.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LaunchOptionsTest {

    @Test
    void defaultsPutStateUnderTheUsersDataFolder() {
        LaunchOptions options = LaunchOptions.parse(new String[] {"host"}, Map.of("XDG_DATA_HOME", "/data"));
        assertEquals(Role.HOST, options.role());
        assertEquals(Path.of("/data/twilight/host"), options.stateDir());
        assertTrue(options.configDir().endsWith(Path.of("config", "host")));
        assertEquals("WARN", options.logLevel());
    }

    @Test
    void laterOptionsWin() {
        LaunchOptions options = LaunchOptions.parse(new String[] {"client", "--config", "/a", "--config", "/b",
            "--state", "/s", "--log", "info"}, Map.of());
        assertEquals(Role.CLIENT, options.role());
        assertEquals(Path.of("/b"), options.configDir());
        assertEquals(Path.of("/s"), options.stateDir());
        assertEquals("INFO", options.logLevel());
    }

    @Test
    void mistakesAreNamed() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LaunchOptions.parse(new String[] {}, Map.of()))
                .getMessage().contains("role"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> LaunchOptions.parse(new String[] {"server"}, Map.of())).getMessage().contains("server"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> LaunchOptions.parse(new String[] {"host", "--state"}, Map.of())).getMessage()
                .contains("--state needs a value"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> LaunchOptions.parse(new String[] {"host", "--port", "1"}, Map.of())).getMessage()
                .contains("--port"));
    }

    @Test
    void theClientRunsAVerbWithEverythingAfterIt() {
        LaunchOptions options = LaunchOptions.parse(new String[] {"client", "--state", "/s", "stream", "pc:1",
            "Desktop", "--seconds", "5"}, Map.of());
        assertEquals(Path.of("/s"), options.stateDir());
        assertEquals(List.of("stream", "pc:1", "Desktop", "--seconds", "5"), options.verb());
        assertFalse(options.interactive());
        assertTrue(LaunchOptions.parse(new String[] {"client"}, Map.of()).verb().isEmpty());
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> LaunchOptions.parse(new String[] {"host", "stream"}, Map.of())).getMessage()
                .contains("only the client role"));
    }
}

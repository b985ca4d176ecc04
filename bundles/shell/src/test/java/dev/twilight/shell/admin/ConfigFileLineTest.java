package dev.twilight.shell.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFileLineTest {

    @TempDir
    Path folder;

    @Test
    void replacesOneValueKeepingCommentsAndOtherLines() throws Exception {
        Path file = folder.resolve("dev.twilight.host.pipeline.config");
        Files.write(file, List.of("# encoders, best first", "encoder.preference = [ \\", "  \"nvenc\", \\",
                "  \"x264\", \\", "  ]", "# cap", "max.bitrate.kbps=I\"0\""));
        ConfigFileLine.set(file, "encoder.preference", new String[] {"openh264", "x264"});
        ConfigFileLine.set(file, "max.bitrate.kbps", 5000);
        assertEquals(List.of("# encoders, best first", "encoder.preference=[\"openh264\",\"x264\"]", "# cap",
                "max.bitrate.kbps=I\"5000\""), Files.readAllLines(file));
    }

    @Test
    void appendsAMissingKeyAndTypesValuesAsFelixReadsThem() throws Exception {
        Path file = folder.resolve("dev.twilight.host.sessions.config");
        Files.write(file, List.of("# policy.example=\"not this one\"", "ping.timeout.ms=I\"10000\""));
        ConfigFileLine.set(file, "policy", "strict");
        ConfigFileLine.set(file, "enabled", Boolean.FALSE);
        assertEquals(List.of("# policy.example=\"not this one\"", "ping.timeout.ms=I\"10000\"", "policy=\"strict\"",
                "enabled=B\"false\""), Files.readAllLines(file));
        assertEquals("\"a \\\"quoted\\\" \\\\ value\"", ConfigFileLine.typed("a \"quoted\" \\ value"));
        assertEquals("L\"7\"", ConfigFileLine.typed(7L));
    }
}

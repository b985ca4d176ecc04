package dev.twilight.client.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.twilight.api.client.PlaybackOutputs;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StreamRequestTest {

    @Test
    void aWindowWhereThereIsADisplayAndNoRecordingByDefault() throws UsageException {
        assertEquals(new PlaybackOutputs(PlaybackOutputs.Window.IF_DISPLAY, Optional.empty()),
                parse("host", "Desktop").outputs());
    }

    @Test
    void windowRequiresOneHeadlessNeverOpensOneRecordNamesTheFile() throws UsageException {
        assertEquals(PlaybackOutputs.Window.REQUIRED, parse("host", "Desktop", "--window").outputs().window());
        assertEquals(new PlaybackOutputs(PlaybackOutputs.Window.NONE, Optional.of(Path.of("out.mkv"))),
                parse("host", "Desktop", "--headless", "--record", "out.mkv").outputs());
    }

    @Test
    void windowAndHeadlessTogetherAreAUsageError() {
        UsageException both = assertThrows(UsageException.class,
                () -> parse("host", "Desktop", "--window", "--headless"));
        assertEquals("stream: --window and --headless exclude each other", both.getMessage());
    }

    private static StreamVerb.Request parse(String... arguments) throws UsageException {
        return StreamVerb.Request.parse(VerbArguments.parse("stream", List.of(arguments), StreamVerb.VALUE_OPTIONS,
                StreamVerb.FLAGS));
    }
}

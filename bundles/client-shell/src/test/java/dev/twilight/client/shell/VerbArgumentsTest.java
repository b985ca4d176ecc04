package dev.twilight.client.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class VerbArgumentsTest {

    private static VerbArguments parse(String... arguments) throws UsageException {
        return VerbArguments.parse("stream", List.of(arguments), Set.of("--fps", "--seconds"), Set.of("--quit"));
    }

    @Test
    void positionalsOptionsAndFlagsInAnyOrder() throws UsageException {
        VerbArguments arguments = parse("--fps", "30", "pc", "--quit", "Desktop");
        assertEquals("pc", arguments.positional(0, "a HOST"));
        assertEquals("Desktop", arguments.positional(1, "an APP"));
        assertEquals(30, arguments.intOption("--fps", 60, 1, 240));
        assertEquals(10, arguments.intOption("--seconds", 10, 0, 100));
        assertTrue(arguments.flag("--quit"));
        assertFalse(parse("pc").flag("--quit"));
    }

    @Test
    void mistakesAreNamed() throws UsageException {
        assertTrue(assertThrows(UsageException.class, () -> parse("pc", "--fsp", "30")).getMessage()
                .contains("unknown option '--fsp'"));
        assertTrue(assertThrows(UsageException.class, () -> parse("pc", "--fps")).getMessage()
                .contains("--fps needs a value"));
        assertTrue(assertThrows(UsageException.class, () -> parse("pc", "--fps", "0").intOption("--fps", 60, 1, 240))
                .getMessage().contains("from 1 to 240"));
        assertTrue(assertThrows(UsageException.class, () -> parse("pc").positional(1, "an APP")).getMessage()
                .contains("stream needs an APP"));
        assertTrue(assertThrows(UsageException.class, () -> parse("pc", "x", "y").expectPositionals(2)).getMessage()
                .contains("unexpected 'y'"));
    }
}

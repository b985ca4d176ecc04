package dev.twilight.input.x11;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.twilight.testing.xvfb.Xvfb;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real injection path on a virtual X server: {@link XvfbChecks} runs in a child JVM whose DISPLAY is this
 * test's own Xvfb (a JVM's AWT binds to the display it starts with), and each test asserts one of its results.
 */
class XvfbInjectionTest {

    private static final int WIDTH = 1280;
    private static final int HEIGHT = 800;
    private static final long CHILD_WAIT_SECONDS = 120;

    @TempDir
    static Path folder;
    private static Xvfb xvfb;
    private static String output;
    private static final Map<String, String> RESULTS = new HashMap<>();

    @BeforeAll
    static void runChecksOnXvfb() throws IOException, InterruptedException {
        xvfb = Xvfb.start(WIDTH, HEIGHT, folder.resolve("xvfb.log"));
        Path log = folder.resolve("checks.log");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), XvfbChecks.class.getName())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("DISPLAY", xvfb.display());
        Process child = builder.start();
        if (!child.waitFor(CHILD_WAIT_SECONDS, TimeUnit.SECONDS)) {
            child.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
        output = Files.readString(log, StandardCharsets.UTF_8);
        for (String line : output.split("\n")) {
            if (line.startsWith("result ")) {
                int equals = line.indexOf('=');
                RESULTS.put(line.substring("result ".length(), equals), line.substring(equals + 1));
            }
        }
    }

    @AfterAll
    static void stopXvfb() throws InterruptedException {
        if (xvfb != null) {
            xvfb.close();
        }
    }

    private static void assertResult(String expected, String check) {
        assertEquals(expected, RESULTS.get(check), () -> check + "; the checks printed:\n" + output);
    }

    @Test
    void onlyKeyboardTextMouseAndScrollAreSupported() {
        assertResult("Key,MouseButton,MouseMove,MousePosition,Scroll,Text", "supported");
    }

    @Test
    void anAbsoluteMoveLandsAtTheScaledPosition() {
        // (960, 540) of 1920x1080 is the centre of the 1280x800 screen
        assertResult("640,400", "absolute");
    }

    @Test
    void aRelativeMoveAddsToThePointer() {
        assertResult("655,380", "relative");
    }

    @Test
    void keysAndTextReachTheFocusedTextField() {
        assertResult("true", "focused");
        assertResult("a!;Hi 2", "typed");
    }

    @Test
    void anUnknownVirtualKeyIsCounted() {
        assertResult("1", "unknown.keys");
    }

    @Test
    void leftAndX1ClicksReachTheWindowsMouseListener() {
        assertResult("[1, 4]", "buttons");
    }

    @Test
    void halfNotchesAddUpAndHorizontalScrollIsTheWheelWithShift() {
        assertResult("[-1, 1 shift]", "wheel");
    }

    @Test
    void keysHeldByAnEndedSessionAreLetGo() {
        assertResult("b", "after.session.end");
    }

    @Test
    void keysHeldWhenTheSinkStopsAreLetGo() {
        assertResult("c", "after.deactivate");
    }
}

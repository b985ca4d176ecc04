package dev.twilight.input.x11;

import dev.twilight.api.input.InputEvent;
import java.awt.EventQueue;
import java.awt.Frame;
import java.awt.MouseInfo;
import java.awt.Point;
import java.awt.TextField;
import java.awt.event.KeyAdapter;
import java.awt.event.KeyEvent;
import java.awt.event.MouseAdapter;
import java.awt.event.MouseEvent;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Runs in a JVM of its own whose DISPLAY is a test Xvfb (AWT connects to the display of its start only):
 * drives the real sink, watches what a focused AWT text field receives, and prints one {@code result name=value}
 * line per check for {@link XvfbInjectionTest} to assert. Waits are bounded; a check that times out prints
 * what it saw.
 */
public final class XvfbChecks {

    private static final long WAIT_MS = 10_000;
    /** A window over the screen's centre, so that the pointer moves of the checks stay over its text field. */
    private static final int WINDOW_X = 440;
    private static final int WINDOW_Y = 300;

    private final Map<String, String> results = new TreeMap<>();
    private final StringBuffer typed = new StringBuffer();
    private final List<Integer> pressedButtons = new CopyOnWriteArrayList<>();
    private final List<String> wheelTurns = new CopyOnWriteArrayList<>();
    private final TextField field = new TextField(30);
    private X11InputSink sink;

    public static void main(String[] args) throws Exception {
        XvfbChecks checks = new XvfbChecks();
        try {
            checks.run();
        } finally {
            checks.results.forEach((name, value) -> System.out.println("result " + name + "=" + value));
        }
        System.exit(0);
    }

    private void run() throws Exception {
        sink = new X11InputSink(TestSupport.config(true, System.getenv("DISPLAY")), System.getenv("DISPLAY"));
        await("the sink opens the display (does this JDK have lib/libawt_xawt.so?)",
                () -> sink.supports(InputEvent.Key.class));
        results.put("supported", Stream.of(InputEvent.class.getPermittedSubclasses())
                .filter(kind -> sink.supports(kind.asSubclass(InputEvent.class))).map(Class::getSimpleName).sorted()
                .collect(Collectors.joining(",")));
        openWindow();

        inject(new InputEvent.MousePosition(960, 540, 1920, 1080));
        results.put("absolute", pointer());
        inject(new InputEvent.MouseMove(15, -20));
        results.put("relative", pointer());

        inject(new InputEvent.Key(true, 0x41, 0), new InputEvent.Key(false, 0x41, 0),
                new InputEvent.Key(true, 0xA0, InputEvent.MODIFIER_SHIFT), new InputEvent.Key(true, 0x31, 0),
                new InputEvent.Key(false, 0x31, 0), new InputEvent.Key(false, 0xA0, 0),
                new InputEvent.Key(true, 0xBA, 0), new InputEvent.Key(false, 0xBA, 0),
                new InputEvent.Text("Hi 2"), new InputEvent.Key(true, 0xFF, 0));
        results.put("typed", typedOnce("a!;Hi 2".length()));
        results.put("unknown.keys", Long.toString(sink.count(InputCounter.UNKNOWN_KEYS)));

        inject(new InputEvent.MouseButton(true, 1), new InputEvent.MouseButton(false, 1),
                new InputEvent.MouseButton(true, 4), new InputEvent.MouseButton(false, 4));
        awaitQuietly(() -> pressedButtons.size() >= 2);
        results.put("buttons", pressedButtons.toString());

        // two half notches make one notch up; a notch right is the wheel with Shift
        inject(new InputEvent.Scroll(false, 60), new InputEvent.Scroll(false, 60), new InputEvent.Scroll(true, 120));
        awaitQuietly(() -> wheelTurns.size() >= 2);
        results.put("wheel", wheelTurns.toString());

        // a session that ends with Shift down must not leave it down for the next one
        sink.inject("s2", new InputEvent.Key(true, 0xA0, 0));
        TestSupport.endSession(sink, "s2");
        inject(new InputEvent.Key(true, 0x42, 0), new InputEvent.Key(false, 0x42, 0));
        results.put("after.session.end", typedOnce(1));

        // nor a sink that stops with Shift down
        inject(new InputEvent.Key(true, 0xA0, 0));
        sink.deactivate();
        sink = new X11InputSink(TestSupport.config(true, ""), System.getenv("DISPLAY"));
        await("the second sink opens the display", () -> sink.supports(InputEvent.Key.class));
        inject(new InputEvent.Key(true, 0x43, 0), new InputEvent.Key(false, 0x43, 0));
        results.put("after.deactivate", typedOnce(1));
        sink.deactivate();
    }

    private void openWindow() throws Exception {
        Frame frame = new Frame("twilight input test");
        field.addKeyListener(new KeyAdapter() {
            @Override
            public void keyTyped(KeyEvent e) {
                typed.append(e.getKeyChar());
            }
        });
        field.addMouseListener(new MouseAdapter() {
            @Override
            public void mousePressed(MouseEvent e) {
                pressedButtons.add(e.getButton());
            }
        });
        field.addMouseWheelListener(e -> wheelTurns.add(e.getWheelRotation() + (e.isShiftDown() ? " shift" : "")));
        frame.add(field);
        frame.setBounds(WINDOW_X, WINDOW_Y, 400, 200);
        EventQueue.invokeAndWait(() -> frame.setVisible(true));
        // no window manager under Xvfb: ask until AWT reports the focus
        await("the text field has the focus", () -> {
            if (!field.isFocusOwner()) {
                field.requestFocus();
            }
            return field.isFocusOwner();
        });
        results.put("focused", Boolean.toString(field.isFocusOwner()));
    }

    /** Injects into session s1 and waits until the sink has handled every event. */
    private void inject(InputEvent... events) throws InterruptedException {
        long handled = handled();
        for (InputEvent event : events) {
            sink.inject("s1", event);
        }
        await("the sink has handled " + events.length + " event(s)", () -> handled() >= handled + events.length);
    }

    private long handled() {
        return Stream.of(InputCounter.values()).mapToLong(sink::count).sum();
    }

    /** What the field received, once it has as many characters or the wait ends; then starts over. */
    private String typedOnce(int length) throws InterruptedException {
        awaitQuietly(() -> typed.length() >= length);
        String received = typed.toString();
        typed.setLength(0);
        return received;
    }

    private static String pointer() {
        Point at = MouseInfo.getPointerInfo().getLocation();
        return at.x + "," + at.y;
    }

    private static void await(String until, BooleanSupplier condition) throws InterruptedException {
        if (!awaitQuietly(condition)) {
            throw new IllegalStateException("timed out after " + WAIT_MS + " ms waiting until " + until);
        }
    }

    private static boolean awaitQuietly(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MS);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(10);
        }
        return true;
    }
}

package dev.twilight.client.window;

import dev.twilight.api.client.Playback;
import dev.twilight.api.client.PlaybackStatistics;
import dev.twilight.client.sink.PictureSink;
import dev.twilight.media.ffmpeg.DecodedPicture;
import dev.twilight.media.ffmpeg.RgbScaler;
import java.awt.Color;
import java.awt.Dimension;
import java.awt.EventQueue;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics;
import java.awt.GraphicsEnvironment;
import java.awt.Rectangle;
import java.awt.event.ActionEvent;
import java.awt.event.ActionListener;
import java.awt.event.WindowAdapter;
import java.awt.event.WindowEvent;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.lang.reflect.InvocationTargetException;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.swing.JComponent;
import javax.swing.JFrame;
import javax.swing.Timer;

/**
 * A Swing window that shows a playback's pictures scaled to fit (aspect kept, black bars), with a statistics
 * overlay, and sends its keyboard and mouse input to the host. The decoding thread only puts each picture in a
 * one-picture slot and asks for a repaint; the painter, on the event dispatch thread, takes the latest, converts
 * just that one to RGB at the size it draws, and the pictures it never took are dropped and counted. Closing the
 * window stops the playback, as {@link Playback#stop()} does: the app keeps running on the host.
 */
public final class StreamWindow implements PictureSink {

    private static final int FOCUS_TRIES = 50;
    private static final int FOCUS_RETRY_MS = 100;
    private static final Font OVERLAY_FONT = new Font(Font.MONOSPACED, Font.PLAIN, 13);

    private final Latest<DecodedPicture> latest = new Latest<>();
    private final AtomicLong shown = new AtomicLong();
    private final JFrame frame;
    private final View view = new View();
    private final Timer statisticsTimer = new Timer(1000, event -> updateStatistics());
    private final Timer focusTimer;
    private volatile Playback playback;
    private volatile boolean closeRequested;
    // the rest belongs to the event dispatch thread
    private final RgbScaler scaler = new RgbScaler();
    private BufferedImage image;
    private int pictureWidth;
    private int pictureHeight;
    private boolean overlayShown;
    private List<String> overlay = List.of("statistics after the first second");
    private PlaybackStatistics previous;
    private long previousNanos;

    private StreamWindow(String title, int width, int height) {
        pictureWidth = width;
        pictureHeight = height;
        frame = new JFrame(title);
        frame.setDefaultCloseOperation(JFrame.DO_NOTHING_ON_CLOSE);
        frame.addWindowListener(new WindowAdapter() {
            @Override
            public void windowClosing(WindowEvent e) {
                requestStop();
            }
        });
        Rectangle screen = GraphicsEnvironment.getLocalGraphicsEnvironment().getMaximumWindowBounds();
        Rectangle fitted = Letterbox.fit(width, height, Math.min(width, screen.width), Math.min(height, screen.height));
        view.setPreferredSize(new Dimension(fitted.width, fitted.height));
        view.setFocusable(true);
        // Tab and Shift+Tab go to the host, not to AWT's focus traversal
        view.setFocusTraversalKeysEnabled(false);
        frame.getContentPane().setBackground(Color.BLACK);
        frame.add(view);
        frame.pack();
        frame.setLocationRelativeTo(null);
        // without a window manager (a bare X server) nothing gives a new window the focus: ask until it has it
        focusTimer = new Timer(FOCUS_RETRY_MS, null);
        focusTimer.addActionListener(new ActionListener() {
            private int tries;

            @Override
            public void actionPerformed(ActionEvent event) {
                if (view.isFocusOwner() || ++tries > FOCUS_TRIES) {
                    focusTimer.stop();
                } else {
                    frame.toFront();
                    view.requestFocus();
                }
            }
        });
    }

    /**
     * Opens a window for a stream of the given size (smaller when the screen is), waiting until it is up.
     *
     * @throws java.awt.HeadlessException   without a display
     * @throws java.awt.AWTError             when the X server cannot be reached
     * @throws UnsatisfiedLinkError          when this JDK has no X11 support (lib/libawt_xawt.so)
     */
    public static StreamWindow open(String title, int width, int height) throws InterruptedException {
        StreamWindow[] opened = new StreamWindow[1];
        try {
            EventQueue.invokeAndWait(() -> {
                opened[0] = new StreamWindow(title, width, height);
                opened[0].frame.setVisible(true);
                opened[0].frame.toFront();
                opened[0].view.requestFocus();
                opened[0].focusTimer.start();
            });
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        }
        return opened[0];
    }

    /**
     * Connects the window to its playback once that is connected: input goes to it, the overlay reads its
     * statistics, closing the window stops it.
     */
    public void attach(Playback playing) {
        playback = playing;
        EventQueue.invokeLater(() -> {
            WindowInput input = new WindowInput(playing::send, this::pictureArea, this::toggleOverlay);
            view.addKeyListener(input);
            view.addMouseListener(input);
            view.addMouseMotionListener(input);
            view.addMouseWheelListener(input);
            view.addFocusListener(input);
            statisticsTimer.start();
        });
        if (closeRequested) {
            requestStop();
        }
    }

    @Override
    public void show(DecodedPicture picture) {
        latest.offer(picture);
        view.repaint();
    }

    @Override
    public long picturesShown() {
        return shown.get();
    }

    @Override
    public long picturesDropped() {
        return latest.dropped();
    }

    @Override
    public void close() {
        latest.close();
        EventQueue.invokeLater(() -> {
            statisticsTimer.stop();
            focusTimer.stop();
            frame.dispose();
            scaler.close();
            image = null;
        });
    }

    private void requestStop() {
        closeRequested = true;
        Playback playing = playback;
        if (playing != null) {
            // stopping waits for the host's acknowledgement: not on the event dispatch thread
            Thread stopping = new Thread(playing::stop, "twilight-window-close");
            stopping.setDaemon(true);
            stopping.start();
        }
    }

    private Rectangle pictureArea() {
        return Letterbox.fit(pictureWidth, pictureHeight, view.getWidth(), view.getHeight());
    }

    private void toggleOverlay() {
        overlayShown = !overlayShown;
        view.repaint();
    }

    private void updateStatistics() {
        PlaybackStatistics now = playback.statistics();
        long nowNanos = System.nanoTime();
        if (previous != null) {
            overlay = OverlayText.lines(previous, now, (nowNanos - previousNanos) / 1e9);
            if (overlayShown) {
                view.repaint();
            }
        }
        previous = now;
        previousNanos = nowNanos;
    }

    /** Draws the newest picture into an image of the size it is shown at; keeps the image for repaints. */
    private void drawLatest() {
        if (view.getWidth() <= 0 || view.getHeight() <= 0) {
            return;
        }
        try (DecodedPicture picture = latest.take()) {
            if (picture == null) {
                return;
            }
            pictureWidth = picture.width();
            pictureHeight = picture.height();
            Rectangle area = pictureArea();
            if (image == null || image.getWidth() != area.width || image.getHeight() != area.height) {
                image = new BufferedImage(area.width, area.height, BufferedImage.TYPE_INT_RGB);
            }
            scaler.convert(picture, area.width, area.height,
                    ((DataBufferInt) image.getRaster().getDataBuffer()).getData());
            shown.incrementAndGet();
        }
    }

    private final class View extends JComponent {

        private static final long serialVersionUID = 1L;

        @Override
        protected void paintComponent(Graphics g) {
            g.setColor(Color.BLACK);
            g.fillRect(0, 0, getWidth(), getHeight());
            drawLatest();
            if (image != null) {
                Rectangle area = pictureArea();
                g.drawImage(image, area.x, area.y, area.width, area.height, null);
            }
            if (overlayShown) {
                drawOverlay(g);
            }
        }

        private void drawOverlay(Graphics g) {
            g.setFont(OVERLAY_FONT);
            FontMetrics metrics = g.getFontMetrics();
            int width = overlay.stream().mapToInt(metrics::stringWidth).max().orElse(0) + 16;
            int height = overlay.size() * metrics.getHeight() + 12;
            g.setColor(new Color(0, 0, 0, 160));
            g.fillRect(8, 8, width, height);
            g.setColor(Color.WHITE);
            for (int line = 0; line < overlay.size(); line++) {
                g.drawString(overlay.get(line), 16, 14 + metrics.getAscent() + line * metrics.getHeight());
            }
        }
    }
}

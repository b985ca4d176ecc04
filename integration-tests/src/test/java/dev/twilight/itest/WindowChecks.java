package dev.twilight.itest;

import java.awt.Rectangle;
import java.awt.Robot;
import java.awt.Toolkit;
import java.awt.event.KeyEvent;
import java.awt.image.BufferedImage;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Runs in a JVM of its own whose DISPLAY is the test's Xvfb, as a user at that screen: waits (bounded) until the
 * screen shows the test pattern's six saturated bars, then types A with {@code java.awt.Robot} into the window
 * that has the focus, and prints {@code result name=value} lines for {@link ClientCliIT}.
 */
public final class WindowChecks {

    private static final long PATTERN_WAIT_SECONDS = 30;

    private WindowChecks() {
    }

    public static void main(String[] args) throws Exception {
        Robot robot = new Robot();
        Rectangle screen = new Rectangle(Toolkit.getDefaultToolkit().getScreenSize());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(PATTERN_WAIT_SECONDS);
        BufferedImage shot;
        do {
            Thread.sleep(200);
            shot = robot.createScreenCapture(screen);
        } while (hues(shot).size() < 6 && System.nanoTime() < deadline);
        System.out.println("result hues=" + hues(shot).size());
        System.out.println("result colours=" + colours(shot));
        robot.keyPress(KeyEvent.VK_A);
        robot.delay(50);
        robot.keyRelease(KeyEvent.VK_A);
        robot.waitForIdle();
        System.out.println("result typed=A");
        System.exit(0);
    }

    /** Which of the bars' saturated colours (yellow, cyan, green, magenta, red, blue) appear. */
    private static Set<String> hues(BufferedImage image) {
        Set<String> hues = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 4) {
            for (int x = 0; x < image.getWidth(); x += 4) {
                int rgb = image.getRGB(x, y);
                boolean red = (rgb >> 16 & 0xFF) > 170;
                boolean green = (rgb >> 8 & 0xFF) > 170;
                boolean blue = (rgb & 0xFF) > 170;
                boolean noRed = (rgb >> 16 & 0xFF) < 80;
                boolean noGreen = (rgb >> 8 & 0xFF) < 80;
                boolean noBlue = (rgb & 0xFF) < 80;
                if (red && green && noBlue) {
                    hues.add("yellow");
                } else if (noRed && green && blue) {
                    hues.add("cyan");
                } else if (noRed && green && noBlue) {
                    hues.add("green");
                } else if (red && noGreen && blue) {
                    hues.add("magenta");
                } else if (red && noGreen && noBlue) {
                    hues.add("red");
                } else if (noRed && noGreen && blue) {
                    hues.add("blue");
                }
            }
        }
        return hues;
    }

    private static int colours(BufferedImage image) {
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) {
                colours.add(image.getRGB(x, y) & 0xFFFFFF);
            }
        }
        return colours.size();
    }
}

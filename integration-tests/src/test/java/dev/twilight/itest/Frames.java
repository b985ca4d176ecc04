package dev.twilight.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import dev.twilight.api.decode.DecodedFrame;
import java.util.List;
import java.util.stream.Collectors;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

/** Assertions shared by the role tests. */
final class Frames {

    private Frames() {
    }

    /** The stamped frame numbers of decoded pictures, failing if any picture lost its stamp. */
    static List<Long> stampedNumbers(List<DecodedFrame> frames) {
        List<Long> numbers = new java.util.ArrayList<>();
        for (int i = 0; i < frames.size(); i++) {
            DecodedFrame frame = frames.get(i);
            int index = i;
            numbers.add(frame.stamp().orElseThrow(() -> new AssertionError("decoded picture " + index + " of "
                    + frames.size() + " (" + frame.width() + "x" + frame.height() + ", key " + frame.keyFrame()
                    + ") carries no readable stamp; first row of blocks: " + blockMeans(frame)))
                    .frameNumber());
        }
        return numbers;
    }

    private static String blockMeans(DecodedFrame frame) {
        StringBuilder text = new StringBuilder();
        int block = Math.max(8, (frame.width() / 32) / 8 * 8);
        for (int column = 0; column < 32; column++) {
            int x = column * block + block / 2;
            text.append(frame.luma()[(block / 2) * frame.width() + x] & 0xff).append(' ');
        }
        return text.toString();
    }

    /** Numbers that should follow each other but do not: how many frames are missing in between, in total. */
    static long missing(List<Long> numbers) {
        long missing = 0;
        for (int i = 1; i < numbers.size(); i++) {
            long step = numbers.get(i) - numbers.get(i - 1);
            assertTrue("frame numbers go backwards at " + i + ": " + numbers, step > 0);
            missing += step - 1;
        }
        return missing;
    }

    static void assertEveryBundleActive(BundleContext context) {
        String notActive = java.util.stream.Stream.of(context.getBundles())
                .filter(bundle -> bundle.getHeaders().get("Fragment-Host") == null)
                .filter(bundle -> bundle.getState() != Bundle.ACTIVE)
                .map(bundle -> bundle.getSymbolicName() + " (state " + bundle.getState() + ")")
                .collect(Collectors.joining(", "));
        assertEquals("bundles not ACTIVE", "", notActive);
    }
}

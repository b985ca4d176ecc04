package dev.twilight.media.ffmpeg;

import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_RGB32;
import static org.bytedeco.ffmpeg.global.swscale.SWS_BILINEAR;
import static org.bytedeco.ffmpeg.global.swscale.sws_freeContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_getCachedContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_scale;

import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.ffmpeg.swscale.SwsFilter;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * Converts decoded pictures to RGB and scales them in one swscale pass, for drawing. Keeps its swscale context
 * and buffer while the sizes stay the same. Used by one thread.
 */
public final class RgbScaler implements AutoCloseable {

    private SwsContext context;
    private IntPointer pixelsOut;
    private final PointerPointer<IntPointer> planesOut = new PointerPointer<>(1L);
    private final IntPointer strideOut = new IntPointer(1L);

    /**
     * Scales the picture to {@code width} × {@code height} and writes it into {@code pixels} row after row as
     * {@code 0xAARRGGBB} ints, the layout of {@code BufferedImage.TYPE_INT_RGB} (which ignores the alpha byte).
     */
    public void convert(DecodedPicture picture, int width, int height, int[] pixels) {
        if (pixels.length < width * height) {
            throw new IllegalArgumentException(width + "x" + height + " pixels do not fit in " + pixels.length);
        }
        AVFrame frame = picture.frame();
        context = sws_getCachedContext(context, frame.width(), frame.height(), frame.format(), width, height,
                AV_PIX_FMT_RGB32, SWS_BILINEAR, (SwsFilter) null, (SwsFilter) null, (DoublePointer) null);
        if (context == null || context.isNull()) {
            throw new IllegalStateException("swscale cannot convert pixel format " + frame.format() + " to RGB");
        }
        if (pixelsOut == null || pixelsOut.capacity() < (long) width * height) {
            if (pixelsOut != null) {
                pixelsOut.close();
            }
            pixelsOut = new IntPointer((long) width * height);
        }
        planesOut.put(0, pixelsOut);
        strideOut.put(0, width * Integer.BYTES);
        sws_scale(context, frame.data(), frame.linesize(), 0, frame.height(), planesOut, strideOut);
        pixelsOut.get(pixels, 0, width * height);
    }

    @Override
    public void close() {
        if (context != null) {
            sws_freeContext(context);
            context = null;
        }
        if (pixelsOut != null) {
            pixelsOut.close();
            pixelsOut = null;
        }
        planesOut.close();
        strideOut.close();
    }
}

package dev.twilight.client.window;

import java.awt.Rectangle;

/** Where a picture goes in an area when it is scaled as large as fits, keeping its aspect, and centred. */
final class Letterbox {

    private Letterbox() {
    }

    static Rectangle fit(int pictureWidth, int pictureHeight, int areaWidth, int areaHeight) {
        if (pictureWidth <= 0 || pictureHeight <= 0 || areaWidth <= 0 || areaHeight <= 0) {
            return new Rectangle();
        }
        // compare areaWidth / areaHeight with pictureWidth / pictureHeight without rounding
        int width;
        int height;
        if ((long) areaWidth * pictureHeight <= (long) areaHeight * pictureWidth) {
            width = areaWidth;
            height = (int) Math.max(1, (long) areaWidth * pictureHeight / pictureWidth);
        } else {
            height = areaHeight;
            width = (int) Math.max(1, (long) areaHeight * pictureWidth / pictureHeight);
        }
        return new Rectangle((areaWidth - width) / 2, (areaHeight - height) / 2, width, height);
    }
}

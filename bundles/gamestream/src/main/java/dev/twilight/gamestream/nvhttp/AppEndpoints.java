package dev.twilight.gamestream.nvhttp;

import dev.twilight.api.apps.App;
import dev.twilight.api.apps.AppRegistry;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code /applist} and {@code /appasset}. */
final class AppEndpoints {

    private static final Logger LOG = LoggerFactory.getLogger(AppEndpoints.class);
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    /** Box art larger than this is not sent; clients show small posters. */
    private static final long MAX_BOX_ART_BYTES = 8L * 1024 * 1024;

    private final AppRegistry apps;
    private final byte[] defaultBoxArt = defaultBoxArt();

    AppEndpoints(AppRegistry apps) {
        this.apps = apps;
    }

    NvHttpReply appList() {
        XmlReply reply = XmlReply.ok();
        for (App app : apps.apps()) {
            reply.with("App", fields -> fields
                    .with("IsHdrSupported", 0)
                    .with("AppTitle", app.name())
                    .with("ID", app.id()));
        }
        return reply.reply();
    }

    /** The app's PNG box art when it has a readable one, else the built-in picture; unknown ids get it too. */
    NvHttpReply appAsset(NvHttpRequest request) {
        int appId = request.integer("appid", 0);
        Optional<Path> image = apps.find(appId).map(App::imagePath).filter(path -> !path.isBlank()).map(Path::of);
        return NvHttpReply.png(image.flatMap(AppEndpoints::readPng).orElse(defaultBoxArt));
    }

    private static Optional<byte[]> readPng(Path path) {
        try {
            if (Files.size(path) > MAX_BOX_ART_BYTES) {
                LOG.warn("Box art {} is over {} bytes; sending the default picture", path, MAX_BOX_ART_BYTES);
                return Optional.empty();
            }
            byte[] bytes = Files.readAllBytes(path);
            if (bytes.length < PNG_SIGNATURE.length
                    || !Arrays.equals(bytes, 0, PNG_SIGNATURE.length, PNG_SIGNATURE, 0, PNG_SIGNATURE.length)) {
                LOG.warn("Box art {} is not a PNG file; sending the default picture", path);
                return Optional.empty();
            }
            return Optional.of(bytes);
        } catch (IOException e) {
            LOG.warn("Cannot read box art {} ({}); sending the default picture", path, e.toString());
            return Optional.empty();
        }
    }

    /** A plain poster-shaped gradient, drawn once. */
    static byte[] defaultBoxArt() {
        int width = 130;
        int height = 180;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            int shade = 40 + y * 60 / height;
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, (shade / 2) << 16 | (shade / 2) << 8 | shade + 40);
            }
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, "png", png)) {
                throw new IllegalStateException("this JVM's ImageIO has no PNG writer");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return png.toByteArray();
    }
}

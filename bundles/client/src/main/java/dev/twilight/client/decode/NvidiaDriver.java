package dev.twilight.client.decode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Whether the NVIDIA driver's video decoding library is where the dynamic linker looks for it. */
final class NvidiaDriver {

    static final String LIBRARY = "libnvcuvid.so.1";
    private static final Path LINKER_CACHE = Path.of("/etc/ld.so.cache");

    private NvidiaDriver() {
    }

    static boolean hasVideoDecoding() {
        List<Path> folders = new ArrayList<>();
        String libraryPath = System.getenv("LD_LIBRARY_PATH");
        if (libraryPath != null) {
            for (String folder : libraryPath.split(":")) {
                if (!folder.isBlank()) {
                    folders.add(Path.of(folder));
                }
            }
        }
        if (folders.stream().anyMatch(folder -> Files.exists(folder.resolve(LIBRARY)))) {
            return true;
        }
        // the linker's cache lists every library it finds by name; the bytes hold the name as text
        try {
            byte[] cache = Files.readAllBytes(LINKER_CACHE);
            return new String(cache, StandardCharsets.ISO_8859_1).contains(LIBRARY);
        } catch (IOException e) {
            return false;
        }
    }
}

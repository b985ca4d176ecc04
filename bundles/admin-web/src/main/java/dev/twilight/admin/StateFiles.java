package dev.twilight.admin;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.osgi.framework.BundleContext;

/**
 * The host's state folder (the framework property {@code twilight.state.dir}, else
 * {@code ${XDG_DATA_HOME:-~/.local/share}/twilight/host}) and the admin files in it. They hold or point at
 * secrets, so they are readable by the owner only and replaced atomically: a crash never leaves half a file.
 */
final class StateFiles {

    static final String STATE_DIR_PROPERTY = "twilight.state.dir";
    static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_ONLY_FOLDER = PosixFilePermissions.fromString("rwx------");

    private final Path directory;

    StateFiles(Path directory) {
        this.directory = directory;
    }

    static StateFiles of(BundleContext context) {
        return new StateFiles(directory(context.getProperty(STATE_DIR_PROPERTY), System.getenv("XDG_DATA_HOME"),
                System.getProperty("user.home")));
    }

    static Path directory(String configured, String xdgDataHome, String userHome) {
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        Path dataHome = xdgDataHome != null && !xdgDataHome.isBlank()
                ? Path.of(xdgDataHome) : Path.of(userHome, ".local", "share");
        return dataHome.resolve("twilight").resolve("host");
    }

    Path resolve(String name) {
        return directory.resolve(name);
    }

    static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }

    void writeOwnerOnly(String name, byte[] content) throws IOException {
        Path file = resolve(name);
        Path folder = file.toAbsolutePath().getParent();
        boolean posix = posix();
        if (posix) {
            Files.createDirectories(folder, PosixFilePermissions.asFileAttribute(OWNER_ONLY_FOLDER));
        } else {
            Files.createDirectories(folder);
        }
        FileAttribute<?>[] attributes = posix
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)} : new FileAttribute<?>[0];
        Path temporary = Files.createTempFile(folder, name, ".tmp", attributes);
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                // on disk before the rename, so the rename never exposes an empty file after a power loss
                channel.force(true);
            }
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    void delete(String name) throws IOException {
        Files.deleteIfExists(resolve(name));
    }
}

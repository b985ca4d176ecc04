package dev.twilight.storage;

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

/**
 * Files that hold keys, trust or secrets: readable by their owner only (rw-------, in folders created
 * rwx------) and replaced atomically, so a crash leaves either the old content or the new, never half a file.
 * Where the file system has no POSIX permissions the files are written the same way without them.
 */
public final class OwnerOnlyFiles {

    static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private OwnerOnlyFiles() {
    }

    /**
     * Creates the directory if needed, and any missing parent, rwx------, and makes the directory itself
     * rwx------ even when it already existed with looser permissions.
     */
    public static void createPrivateDirectory(Path directory) throws IOException {
        createDirectories(directory);
        if (POSIX) {
            Files.setPosixFilePermissions(directory, FOLDER);
        }
    }

    /**
     * Writes a rw------- file through a temporary file in the same folder and an atomic rename over the old
     * file. A missing folder (and any missing parent) is created rwx------; an existing one is left as it is.
     */
    public static void writeAtomically(Path file, byte[] content) throws IOException {
        Path folder = file.toAbsolutePath().getParent();
        createDirectories(folder);
        FileAttribute<?>[] attributes = POSIX
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(FILE)} : new FileAttribute<?>[0];
        Path temporary = Files.createTempFile(folder, "." + file.getFileName(), ".tmp", attributes);
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

    /**
     * Makes an existing file rw------- again when its permissions are anything else (say, readable by others).
     *
     * @return whether its permissions had to be changed; always false without POSIX permissions
     */
    public static boolean restrictToOwner(Path file) throws IOException {
        if (!POSIX || Files.getPosixFilePermissions(file).equals(FILE)) {
            return false;
        }
        Files.setPosixFilePermissions(file, FILE);
        return true;
    }

    /**
     * Renames an unusable file or directory to {@code <name>.corrupt-<millis>} beside it, keeping it for
     * inspection while the caller starts afresh.
     *
     * @return where it now is
     */
    public static Path moveAside(Path unusable, long millis) throws IOException {
        Path aside = unusable.resolveSibling(unusable.getFileName() + ".corrupt-" + millis);
        Files.move(unusable, aside, StandardCopyOption.ATOMIC_MOVE);
        return aside;
    }

    private static void createDirectories(Path directory) throws IOException {
        if (POSIX) {
            Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(FOLDER));
        } else {
            Files.createDirectories(directory);
        }
    }
}

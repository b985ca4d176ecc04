package dev.twilight.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.twilight.storage.OwnerOnlyFiles;
import dev.twilight.storage.StateDirectory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.function.Consumer;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin's credentials, kept in {@code admin.json} in the host's state folder (owner-only): user
 * {@code admin}, a PBKDF2 hash of the password, and a random local token. The first start creates the file with
 * a random password and logs that password once; there is no default password. The launcher reads the token from
 * the file, so only the user that runs the host can use it.
 */
@Component(service = AdminCredentials.class, immediate = true)
public class AdminCredentials {

    static final String FILE_NAME = "admin.json";
    static final String USERNAME = "admin";
    static final int MIN_PASSWORD_LENGTH = 8;
    private static final String ALGORITHM = "PBKDF2WithHmacSHA256";
    /** Above OWASP's 2023 floor for this algorithm while keeping a Basic-auth request under ~0.2 s here. */
    private static final int ITERATIONS = 210_000;
    private static final int HASH_BITS = 256;
    private static final int SALT_BYTES = 16;
    private static final int TOKEN_BYTES = 32;
    private static final int GENERATED_PASSWORD_LENGTH = 20;
    /** No 0/O, 1/l/I: a generated password is read from a log and typed. */
    private static final String PASSWORD_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    private static final Logger LOG = LoggerFactory.getLogger(AdminCredentials.class);

    /** The file's content. */
    record Stored(String username, String algorithm, int iterations, String salt, String hash, String token) {
    }

    private final Path file;
    private final ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private final SecureRandom random = new SecureRandom();
    private volatile Stored stored;

    @Activate
    public AdminCredentials(BundleContext context) throws IOException {
        this(StateDirectory.resolve(null, context.getProperty(StateDirectory.FRAMEWORK_PROPERTY), StateDirectory.HOST),
                password -> LOG.warn("Admin user '{}' created; password: {} (change it with twilight:admin-password)",
                        USERNAME, password));
    }

    /**
     * @param stateDirectory the host's state folder
     * @param announce       told the generated password when this start creates the credentials
     */
    AdminCredentials(Path stateDirectory, Consumer<String> announce) throws IOException {
        this.file = stateDirectory.resolve(FILE_NAME);
        try {
            stored = parse(Files.readAllBytes(file), file);
            restrictPermissions(file);
        } catch (NoSuchFileException e) {
            String password = generatePassword();
            stored = hashed(password, HexFormat.of().formatHex(randomBytes(TOKEN_BYTES)));
            save();
            announce.accept(password);
        }
    }

    Path file() {
        return file;
    }

    /** Checks HTTP Basic credentials; the comparisons take the same time whatever matches. */
    boolean passwordMatches(String username, String password) {
        Stored current = stored;
        byte[] expected = Base64.getDecoder().decode(current.hash());
        byte[] presented = pbkdf2(password, Base64.getDecoder().decode(current.salt()), current.iterations());
        boolean userMatches = MessageDigest.isEqual(username.getBytes(StandardCharsets.UTF_8),
                current.username().getBytes(StandardCharsets.UTF_8));
        return MessageDigest.isEqual(expected, presented) & userMatches;
    }

    boolean tokenMatches(String token) {
        return MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8),
                stored.token().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Replaces the password (the token stays, so the launcher keeps working).
     *
     * @throws IllegalArgumentException when the password is too short
     */
    synchronized void changePassword(String password) throws IOException {
        if (password.strip().length() < MIN_PASSWORD_LENGTH) {
            throw new IllegalArgumentException("an admin password needs at least " + MIN_PASSWORD_LENGTH
                    + " characters; run twilight:admin-password without an argument to have one generated");
        }
        Stored previous = stored;
        stored = hashed(password, previous.token());
        try {
            save();
        } catch (IOException e) {
            stored = previous;
            throw e;
        }
    }

    String generatePassword() {
        StringBuilder password = new StringBuilder(GENERATED_PASSWORD_LENGTH);
        for (int i = 0; i < GENERATED_PASSWORD_LENGTH; i++) {
            password.append(PASSWORD_ALPHABET.charAt(random.nextInt(PASSWORD_ALPHABET.length())));
        }
        return password.toString();
    }

    private Stored hashed(String password, String token) {
        byte[] salt = randomBytes(SALT_BYTES);
        Base64.Encoder base64 = Base64.getEncoder();
        return new Stored(USERNAME, ALGORITHM, ITERATIONS, base64.encodeToString(salt),
                base64.encodeToString(pbkdf2(password, salt, ITERATIONS)), token);
    }

    private void save() throws IOException {
        OwnerOnlyFiles.writeAtomically(file, mapper.writeValueAsBytes(stored));
    }

    private Stored parse(byte[] content, Path file) throws IOException {
        String remedy = "; move it away and restart the host to create new admin credentials";
        Stored read;
        try {
            read = mapper.readValue(content, Stored.class);
        } catch (JsonProcessingException e) {
            throw new IOException(file + " is not valid JSON (" + e.getOriginalMessage() + ")" + remedy, e);
        }
        if (read == null || read.username() == null || read.salt() == null || read.hash() == null
                || read.token() == null || !ALGORITHM.equals(read.algorithm()) || read.iterations() < 1) {
            throw new IOException(file + " lacks a field or names an algorithm other than " + ALGORITHM + remedy);
        }
        try {
            Base64.getDecoder().decode(read.salt());
            Base64.getDecoder().decode(read.hash());
        } catch (IllegalArgumentException e) {
            throw new IOException(file + " has a salt or hash that is not Base64" + remedy, e);
        }
        return read;
    }

    private static void restrictPermissions(Path file) throws IOException {
        if (OwnerOnlyFiles.restrictToOwner(file)) {
            LOG.warn("{} was readable by others; it is owner-only again, but consider setting a new password with "
                    + "twilight:admin-password", file);
        }
    }

    private byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        random.nextBytes(bytes);
        return bytes;
    }

    private static byte[] pbkdf2(String password, byte[] salt, int iterations) {
        char[] characters = password.toCharArray();
        PBEKeySpec spec = new PBEKeySpec(characters, salt, iterations, HASH_BITS);
        try {
            return SecretKeyFactory.getInstance(ALGORITHM).generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM + " is part of every Java 17 runtime", e);
        } finally {
            Arrays.fill(characters, '\0');
            spec.clearPassword();
        }
    }
}

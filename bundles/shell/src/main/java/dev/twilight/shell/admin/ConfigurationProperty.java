package dev.twilight.shell.admin;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Dictionary;
import java.util.Hashtable;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * One property of a Configuration Admin configuration. Writing keeps every other property; when the
 * configuration comes from a file File Install watches, that file gets the new line too, so the choice
 * survives a restart exactly as if the line had been edited by hand.
 */
public final class ConfigurationProperty {

    /** Set by File Install on the configurations it creates from files. */
    static final String FILE_INSTALL_FILENAME = "felix.fileinstall.filename";

    private ConfigurationProperty() {
    }

    /** The property's value; null when the configuration or the key does not exist. */
    public static Object read(ConfigurationAdmin configurationAdmin, String pid, String key) throws IOException {
        Dictionary<String, Object> properties = configurationAdmin.getConfiguration(pid, "?").getProperties();
        return properties == null ? null : properties.get(key);
    }

    /** Sets the property, creating the configuration when there is none yet. */
    public static void write(ConfigurationAdmin configurationAdmin, String pid, String key, Object value)
            throws IOException {
        Configuration configuration = configurationAdmin.getConfiguration(pid, "?");
        Dictionary<String, Object> properties = configuration.getProperties();
        Dictionary<String, Object> updated = properties == null ? new Hashtable<>() : properties;
        updated.put(key, value);
        Object file = updated.get(FILE_INSTALL_FILENAME);
        if (file != null) {
            ConfigFileLine.set(Path.of(URI.create(file.toString())), key, value);
        }
        // applied now; File Install re-reads the same value from the file a moment later
        configuration.update(updated);
    }
}

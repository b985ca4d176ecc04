package dev.twilight.shell.admin;

import java.io.IOException;
import java.util.Dictionary;
import java.util.Hashtable;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * One property of a Configuration Admin configuration. Writing keeps every other property, so a change made
 * here lands in the watched config file exactly as if that one line had been edited.
 */
public final class ConfigurationProperty {

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
        configuration.update(updated);
    }
}

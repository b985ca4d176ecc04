/**
 * The client side of the GameStream control protocol: talking to a Sunshine or Twilight host.
 */
@Export
@Version("1.0.0")
package dev.twilight.api.client;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

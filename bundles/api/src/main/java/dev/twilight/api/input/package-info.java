/**
 * Input events sent by a client and the sinks that inject them on the host.
 */
@Export
@Version("1.0.0")
package dev.twilight.api.input;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

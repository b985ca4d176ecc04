/**
 * Media value types shared by capture, encoders, transport and decoders.
 */
@Export
@Version("1.0.0")
package dev.twilight.api.media;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

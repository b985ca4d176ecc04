/**
 * Video encoder backends (software, NVENC, QSV, VAAPI) and their probes.
 */
@Export
@Version("1.0.0")
package dev.twilight.api.encode;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

package dev.sluice.http;

import java.nio.file.attribute.FileTime;

/**
 * One version of a file: the same device and inode with the same size and times. A file replaced (a new inode) or
 * written to (new times) is another version.
 */
record FileVersion(long device, long inode, long size, FileTime modified, FileTime changed) {
}

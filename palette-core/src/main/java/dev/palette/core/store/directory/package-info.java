/**
 * The directory store, split by job: {@link dev.palette.core.store.directory.DirectoryStateStore}
 * wires the lock, recovery, the index, group commit, the event dispatcher and compaction together.
 * Internal to palette-core but for the store class and its options.
 */
package dev.palette.core.store.directory;

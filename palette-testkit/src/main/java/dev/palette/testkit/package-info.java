/**
 * Contract suites for implementers: extend {@code StateStoreContract} to test a store, and
 * {@code CloudProviderContract} to test a cloud provider, each in a few lines.
 */
package dev.palette.testkit;

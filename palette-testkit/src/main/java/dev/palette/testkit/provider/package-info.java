/**
 * The provider contract suite: extend {@link dev.palette.testkit.provider.CloudProviderContract}
 * with a factory, an account and a cluster the provider accepts, and every rule of
 * {@link dev.palette.spi.CloudProvider} is checked against the provider.
 */
package dev.palette.testkit.provider;

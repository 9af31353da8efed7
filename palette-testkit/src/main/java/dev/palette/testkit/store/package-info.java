/**
 * The store contract suite: extend {@link dev.palette.testkit.store.StateStoreContract} to test a
 * {@link dev.palette.spi.StateStore} implementation against everything the SPI promises.
 */
package dev.palette.testkit.store;

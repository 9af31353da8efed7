/** Service provider interfaces: stores, cloud providers, and the engine itself. */
package dev.palette.spi;

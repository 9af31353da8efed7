/**
 * Palette for Java: an embeddable Kubernetes management plane. Start at {@link dev.palette.Palette}.
 */
package dev.palette;

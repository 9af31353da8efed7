/** The exception hierarchy: everything Palette throws is a {@link dev.palette.error.PaletteException}. */
package dev.palette.error;

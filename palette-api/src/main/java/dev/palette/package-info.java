/**
 * Palette for Java: an embeddable Kubernetes management plane. Start at {@link dev.palette.Palette}.
 *
 * <h2>What the API throws</h2>
 *
 * <ul>
 *   <li>Bad input, a conflict, a missing record or a refused permission: a subclass of
 *       {@link dev.palette.error.PaletteException}, never a builder's or the JDK's own exception. A
 *       spec with a required field left unset, or a {@code null} given to a spec builder inside a
 *       {@code create(b -> ...)} or {@code update(b -> ...)} lambda, is a
 *       {@link dev.palette.error.ValidationException} that names every such field.
 *   <li>A {@code null} passed as an argument of an API method itself (a spec, a name, a listener, a
 *       timeout): a {@link java.lang.NullPointerException} whose message is the parameter's name, at
 *       once and before anything is read or written. Nulls are never accepted in place of "none";
 *       use the empty string or an empty collection.
 * </ul>
 *
 * <p>A call that throws leaves the state as it was.
 */
package dev.palette;

package dev.palette.spi;

/**
 * Which HTTP client a provider's cloud SDK and Kubernetes clients use, chosen once per engine with
 * {@code Palette.builder().httpTransport(...)}. A provider whose SDK lacks the chosen client uses
 * {@link #JDK} and says so in its log once.
 */
public enum HttpTransport {
  /** {@code java.net.http.HttpClient}: no extra dependency; the default. */
  JDK,
  /** Vert.x's HTTP client, for applications that already run a Vert.x event loop. */
  VERTX
}

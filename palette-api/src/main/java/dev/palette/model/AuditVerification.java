package dev.palette.model;

import java.util.Optional;

/**
 * The result of checking the audit log's hash chain.
 *
 * @param events how many events were checked
 * @param firstBroken the sequence number of the first event whose hash or link does not match,
 *     or 0 when the chain is intact
 * @param reason what is wrong with that event, or empty
 */
public record AuditVerification(long events, long firstBroken, String reason) {
  public boolean intact() {
    return firstBroken == 0;
  }

  /** The first broken event's sequence number, if any. */
  public Optional<Long> broken() {
    return intact() ? Optional.empty() : Optional.of(firstBroken);
  }
}

package dev.palette.spi;

import java.util.List;
import java.util.Objects;

/**
 * The records a {@link StateStore#list} selected, and the store revision they reflect: a watch from
 * {@code revision} sees exactly the changes the listing does not.
 *
 * @param records the records, ordered by project, then name
 * @param revision the store revision the records are as of
 */
public record Listing(List<StoredRecord> records, long revision) {
  public Listing {
    records = List.copyOf(Objects.requireNonNull(records, "records"));
  }
}

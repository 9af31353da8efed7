package dev.palette.core.hostcluster;

import dev.palette.core.controller.SecondaryToPrimaryMapper;
import dev.palette.core.record.RecordKind;
import dev.palette.core.record.Records;
import dev.palette.spi.StoredRecord;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Maps a cloud account to the host clusters that use it: those of its project that name it, and
 * for a tenant account those of every project that name it without an account of their own by
 * that name (how a cluster's account reference resolves). A changed account (rotated credentials,
 * a new validity) wakes them.
 */
public final class ClustersUsingAccount implements SecondaryToPrimaryMapper {
  private final Records records;

  public ClustersUsingAccount(Records records) {
    this.records = records;
  }

  @Override
  public Set<String> primaryIds(StoredRecord account) {
    String scope = account.project().isEmpty() ? null : account.project();
    return records.list(RecordKind.HOST_CLUSTER, scope).stream()
        .filter(c -> c.spec().cloudAccount().equals(account.name()))
        .filter(c -> account.project().equals(c.metadata().project())
            || records.getByName(RecordKind.CLOUD_ACCOUNT, c.metadata().project(), account.name()).isEmpty())
        .map(c -> c.metadata().id())
        .collect(Collectors.toUnmodifiableSet());
  }
}

package dev.palette.core.cost;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.palette.core.record.Json;
import dev.palette.error.PaletteException;
import dev.palette.spi.StoredRecord;
import java.util.HashMap;
import java.util.Map;

/** How usage segments and the rate card are kept as store records. */
final class CostRecords {
  /** Marks the records of open segments, so that only those are read to find them. */
  static final String OPEN_LABEL = "palette.dev/usage-open";
  /**
   * Names a segment's cluster by its record id: the label providers tag a cluster's cloud
   * resources with, spelled out so that cost knows no provider type.
   */
  static final String CLUSTER_LABEL = "palette.dev/cluster-id";

  private CostRecords() {}

  /** A segment's record: in its cluster's project, labelled with the cluster id and, while open, open. */
  static StoredRecord segment(UsageSegment segment) {
    Map<String, String> labels = new HashMap<>();
    labels.put(CLUSTER_LABEL, segment.clusterId());
    if (segment.open()) {
      labels.put(OPEN_LABEL, "true");
    }
    return new StoredRecord(UsageSegment.KIND, segment.id(), segment.project(), segment.id(), labels, 0,
        write(segment));
  }

  static String write(Object value) {
    try {
      return Json.mapper().writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new PaletteException("cannot encode " + value.getClass().getSimpleName() + ": "
          + e.getClass().getSimpleName());
    }
  }

  static <T> T read(StoredRecord record, Class<T> type) {
    try {
      return Json.mapper().readValue(record.body(), type);
    } catch (JsonProcessingException e) {
      throw new PaletteException("cannot decode " + record.describe() + ": " + e.getOriginalMessage());
    }
  }
}

package dev.palette.dsl;

import dev.palette.model.HostCluster;
import java.util.List;

/** Host clusters: {@code clusters().inProject("ml-modeling").withName("gpu-1").get()}. */
public interface HostClusterOperations {
  HostClusters inProject(String project);

  /** Every host cluster of every project the caller may see. */
  List<HostCluster> list();
}

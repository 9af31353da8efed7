package dev.palette.core.cloudaccount;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palette.model.InstanceType;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

class InstanceCatalogPricesTest {
  private final Set<String> misses = ConcurrentHashMap.newKeySet();
  private final InstanceCatalog catalog = new InstanceCatalog(misses::add);

  private static InstanceType type(String name, String price) {
    return InstanceType.builder().name(name).cpu(2).memoryMiB(4096).hourlyPrice(new BigDecimal(price)).build();
  }

  @Test
  void pricesOfACloudTypeAreTheHighestListedOverItsCachedAccountsAndRegions() {
    catalog.put("aws", "prod", "us-east-1", List.of(type("m5.large", "0.096"), type("m5.xlarge", "0.192")));
    catalog.put("aws", "prod", "eu-west-1", List.of(type("m5.large", "0.107")));
    catalog.put("aws", "dev", "us-east-1", List.of(type("m5.large", "0.096"), type("t3.micro", "0.0104")));
    catalog.put("vsphere", "dc", "", List.of(type("template-4x16", "0")));

    assertThat(catalog.pricesOf("aws")).containsExactly(
        Map.entry("m5.large", new BigDecimal("0.107")),
        Map.entry("m5.xlarge", new BigDecimal("0.192")),
        Map.entry("t3.micro", new BigDecimal("0.0104")));
    // A type listed without a price has none, and is priced by units.
    assertThat(catalog.pricesOf("vsphere")).isEmpty();
    assertThat(catalog.cloudTypes()).containsExactly("aws", "vsphere");
  }

  @Test
  void aCloudTypeNotCachedYetHasNoPricesAndTheQuestionFetchesNothing() {
    assertThat(catalog.pricesOf("gcp")).isEmpty();
    assertThat(catalog.cloudTypes()).isEmpty();
    assertThat(misses).isEmpty();

    catalog.put("gcp", "prod", "", List.of(type("n2-standard-2", "0.0971")));
    catalog.forget("prod");
    assertThat(catalog.pricesOf("gcp")).isEmpty();
    assertThat(catalog.cloudTypes()).isEmpty();
  }
}

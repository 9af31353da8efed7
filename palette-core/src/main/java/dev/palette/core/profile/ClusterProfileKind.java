package dev.palette.core.profile;

import static dev.palette.core.kind.Limits.shown;

import dev.palette.core.cloudaccount.CloudTypes;
import dev.palette.core.kind.KindContext;
import dev.palette.core.kind.KindDescriptor;
import dev.palette.core.kind.Limits;
import dev.palette.core.kind.OwnerRule;
import dev.palette.core.kind.Scope;
import dev.palette.core.kind.Violations;
import dev.palette.core.provider.ProviderRegistry;
import dev.palette.core.record.RecordKind;
import dev.palette.model.ClusterProfile;
import dev.palette.model.ClusterProfileSpec;
import dev.palette.model.TenantLimits;
import java.util.regex.Pattern;

/**
 * Cluster profiles: in a project or at tenant scope; a published version never changes (no
 * update: a change is a new version). Each version is its own record, stored under a DNS-1123
 * name made of the profile's name and version ({@code base-1-0-0}); the version itself is a field
 * of the spec.
 */
public final class ClusterProfileKind {
  private static final Pattern SEMVER = Pattern.compile("\\d+\\.\\d+\\.\\d+");

  /** The cluster profile kind. */
  public static final KindDescriptor<ClusterProfile, ClusterProfileSpec, ClusterProfileSpec.Builder> DESCRIPTOR =
      KindDescriptor.<ClusterProfile, ClusterProfileSpec, ClusterProfileSpec.Builder>builder(RecordKind.CLUSTER_PROFILE)
          .scope(Scope.BOTH)
          .resource("clusterProfile")
          .without("update")
          .limit("clusterProfiles", TenantLimits::clusterProfiles)
          .owner(OwnerRule.project(OwnerRule.OnDelete.BLOCK))
          .name(ClusterProfileSpec::name, ClusterProfileSpec::labels)
          .storedAs(spec -> storedName(spec.name(), spec.version()), name -> name)
          .model((m, spec) -> ClusterProfile.builder().metadata(m).spec(spec).build(), ClusterProfile::withSpec)
          .specBuilder(ClusterProfileSpec::builder, ClusterProfileSpec::toBuilder, ClusterProfileSpec.Builder::build)
          .validator(ClusterProfileKind::validate)
          .shown(p -> ClusterProfile.KIND + " " + p.spec().name() + ":" + p.spec().version())
          .messages(p -> "created cluster profile " + p.spec().name() + " version " + p.spec().version(), null)
          .deleted(p -> "deleted cluster profile " + p.spec().name() + " version " + p.spec().version())
          .duplicate((project, spec) -> "ClusterProfile " + KindDescriptor.address(project, spec.name())
              + " version " + spec.version() + " already exists; publish a new version instead")
          .build();

  private ClusterProfileKind() {}

  /**
   * The name one version of a profile is stored under: a DNS-1123 label, since the version's
   * dots become dashes and a version has exactly three numbers, so no two versions share one.
   */
  public static String storedName(String name, String version) {
    return name + "-" + version.replace('.', '-');
  }

  private static void validate(KindContext context, Violations v, String project, ClusterProfileSpec before,
      ClusterProfileSpec spec) {
    v.description("description", spec.description());
    boolean semver = spec.version().length() <= Limits.NAME_LENGTH && SEMVER.matcher(spec.version()).matches();
    if (!semver) {
      v.add("version", shown(spec.version()) + " is not a semantic version like 1.0.0");
    } else if (storedName(spec.name(), spec.version()).length() > Limits.NAME_LENGTH) {
      v.add("name", "with its version, " + shown(spec.name() + " " + spec.version()) + " is too long: a name"
          + " and version together hold at most " + (Limits.NAME_LENGTH - 1) + " characters");
    }
    ProviderRegistry providers = context.service(ProviderRegistry.class);
    if (!spec.cloudType().equals("all") && !providers.ids().contains(spec.cloudType())) {
      v.add("cloudType", CloudTypes.unknown(providers, spec.cloudType()) + ", or 'all' for add-on profiles");
    }
    v.count("layers", spec.layers().size(), Limits.LIST_ENTRIES);
    for (int i = 0; i < spec.layers().size(); i++) {
      var layer = spec.layers().get(i);
      if (layer.name().isBlank()) {
        v.add("layers[" + i + "].name", "must not be empty");
      } else {
        v.line("layers[" + i + "].name", layer.name(), Limits.LINE_LENGTH);
      }
      if (layer.version().isBlank()) {
        v.add("layers[" + i + "].version", "must not be empty; an exact version or a train like 1.30.x");
      } else {
        v.line("layers[" + i + "].version", layer.version(), Limits.NAME_LENGTH);
      }
      if (layer.values().length() > Limits.LAYER_VALUES_LENGTH) {
        v.add("layers[" + i + "].values", "is " + layer.values().length() + " characters long; at most "
            + Limits.LAYER_VALUES_LENGTH + " are allowed");
      }
    }
  }
}

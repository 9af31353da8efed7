package dev.palette.core;

import dev.palette.core.kind.KindDescriptor;
import dev.palette.core.kind.OwnerRule;
import dev.palette.core.kind.Scope;
import dev.palette.core.record.RecordKind;
import java.util.Set;

/**
 * The test-only kind's descriptor: project-scoped, guarded by the {@code widget} permission
 * resource, at most {@link #LIMIT} per tenant, deleted with its project. All the engine gets.
 */
final class WidgetKind {
  static final int LIMIT = 3;
  private static final Set<String> COLORS = Set.of("red", "green", "blue");

  static final KindDescriptor<Widget, Widget.Spec, Widget.Builder> DESCRIPTOR =
      KindDescriptor.<Widget, Widget.Spec, Widget.Builder>builder(
              new RecordKind<>(Widget.KIND, Widget.class, Widget::withMetadata))
          .scope(Scope.PROJECT)
          .resource("widget")
          .limit("widgets", limits -> LIMIT)
          .owner(OwnerRule.project(OwnerRule.OnDelete.CASCADE))
          .name(Widget.Spec::name, Widget.Spec::labels)
          .model(Widget::new, Widget::withSpec)
          .specBuilder(Widget.Builder::new, Widget.Spec::toBuilder, Widget.Builder::build)
          .validator((context, v, project, before, spec) -> {
            if (!COLORS.contains(spec.color())) {
              v.add("color", "is '" + spec.color() + "'; use one of " + COLORS);
            }
            if (spec.size() < 0) {
              v.add("size", "is " + spec.size() + "; must be 0 or more");
            }
          })
          .build();

  private WidgetKind() {}
}

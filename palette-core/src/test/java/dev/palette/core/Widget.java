package dev.palette.core;

import dev.palette.model.Metadata;
import dev.palette.model.Resource;
import java.util.LinkedHashMap;
import java.util.Map;

/** A test-only kind: a record the engine knows nothing of but its descriptor, {@link WidgetKind}. */
record Widget(Metadata metadata, Spec spec) implements Resource<Widget.Spec> {
  static final String KIND = "Widget";

  Widget withMetadata(Metadata next) {
    return new Widget(next, spec);
  }

  Widget withSpec(Spec next) {
    return new Widget(metadata, next);
  }

  @Override
  public String summary() {
    return KIND + "[" + metadata.project() + "/" + metadata.name() + "]";
  }

  /** A widget's desired state: its name and labels, and two fields of its own. */
  record Spec(String name, Map<String, String> labels, String color, int size) {
    Spec {
      labels = Map.copyOf(labels);
    }

    Builder toBuilder() {
      return new Builder().name(name).labels(labels).color(color).size(size);
    }
  }

  /** Builds a {@link Spec}; the color is required. */
  static final class Builder {
    private String name = "";
    private final Map<String, String> labels = new LinkedHashMap<>();
    private String color;
    private int size;

    Builder name(String name) {
      this.name = name;
      return this;
    }

    Builder labels(Map<String, String> labels) {
      this.labels.clear();
      this.labels.putAll(labels);
      return this;
    }

    Builder label(String key, String value) {
      labels.put(key, value);
      return this;
    }

    Builder color(String color) {
      this.color = color;
      return this;
    }

    Builder size(int size) {
      this.size = size;
      return this;
    }

    Spec build() {
      if (color == null) {
        throw new IllegalStateException("Cannot build Spec, some of required attributes are not set [color]");
      }
      return new Spec(name, labels, color, size);
    }
  }
}

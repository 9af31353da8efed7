package dev.palette.sandbox.kube;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** The sandbox API server's own Jackson 3 mappers: Fabric8 8 deprecates lending out its own. */
final class Json {
  static final JsonMapper JSON = JsonMapper.builder().build();
  static final YAMLMapper YAML = YAMLMapper.builder().build();

  private Json() {}
}

package dev.palette.model;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.DatabindContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.jsontype.impl.TypeIdResolverBase;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * Maps a {@link ProviderConfig}'s JSON {@code type} to the class its provider registered with a
 * {@link ProviderConfigType}. Jackson creates it; it is not for use elsewhere.
 */
final class ProviderConfigTypes extends TypeIdResolverBase {
  @Override
  public String idFromValue(Object value) {
    return ((ProviderConfig) value).provider();
  }

  @Override
  public String idFromValueAndType(Object value, Class<?> suggestedType) {
    return idFromValue(value);
  }

  @Override
  public JavaType typeFromId(DatabindContext context, String id) {
    Class<? extends ProviderConfig> type = registered().get(id);
    // Null lets Jackson report the unknown id with the known ones (getDescForKnownTypeIds).
    return type == null ? null : context.constructType(type);
  }

  @Override
  public String getDescForKnownTypeIds() {
    return "provider config types registered: " + registered().keySet()
        + " (add the provider's artifact, e.g. dev.palette:palette-provider-<id>)";
  }

  @Override
  public JsonTypeInfo.Id getMechanism() {
    return JsonTypeInfo.Id.CUSTOM;
  }

  // Looked up on every read of an id, from both loaders (JShell keeps its class path in the one that
  // loaded Palette): a config is read rarely, and a provider added at run time is then found.
  private static Map<String, Class<? extends ProviderConfig>> registered() {
    Map<String, Class<? extends ProviderConfig>> types = new TreeMap<>();
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    for (ClassLoader loader : new ClassLoader[] {ProviderConfigTypes.class.getClassLoader(), context}) {
      if (loader != null) {
        ServiceLoader.load(ProviderConfigType.class, loader)
            .forEach(t -> types.putIfAbsent(t.provider(), t.type()));
      }
    }
    return types;
  }
}

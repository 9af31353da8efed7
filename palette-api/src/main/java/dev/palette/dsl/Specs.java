package dev.palette.dsl;

import dev.palette.error.ValidationException;
import dev.palette.error.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Builds a spec from a {@code Consumer<Builder>} so that no builder exception leaves the API: a
 * required attribute left unset, or a {@code null} given to a builder, becomes one
 * {@link ValidationException} naming each field at fault. Used by the DSL's consumer overloads and
 * by the engine for its own {@code update(Consumer)} calls.
 */
public final class Specs {
  private static final String MODEL = "dev.palette.model.";
  private static final String CANNOT_BUILD = "Cannot build ";
  private static final String NOT_SET = "some of required attributes are not set";
  private static final java.util.regex.Pattern IMMUTABLES_NULL =
      java.util.regex.Pattern.compile("\\w+( element| key| value for key: .*)?", java.util.regex.Pattern.DOTALL);

  private Specs() {}

  /**
   * Applies {@code changes} to {@code builder} and builds the spec, naming the request after the
   * spec's type in a {@link ValidationException}.
   *
   * @throws NullPointerException when {@code changes} is null
   * @throws ValidationException naming every required field left unset, or the field given a null
   */
  public static <B, T> T build(B builder, Consumer<? super B> changes, Function<B, T> build) {
    String type = builder.getClass().getName();
    String what = type.substring(type.lastIndexOf('.') + 1).replace("$Builder", "");
    return build(what, builder, changes, build);
  }

  /**
   * Applies {@code changes} to {@code builder} and builds the spec.
   *
   * @param what the request, for the message, for example {@code HostCluster}
   * @throws NullPointerException when {@code changes} is null
   * @throws ValidationException naming every required field left unset, or the field given a null
   */
  public static <B, T> T build(String what, B builder, Consumer<? super B> changes, Function<B, T> build) {
    Objects.requireNonNull(changes, "spec");
    String root = builder.getClass().getName();
    try {
      changes.accept(builder);
      return build.apply(builder);
    } catch (IllegalStateException e) {
      List<Violation> missing = missing(root, e.getMessage());
      if (missing.isEmpty()) {
        throw e;
      }
      throw new ValidationException(what, missing);
    } catch (NullPointerException e) {
      if (e.getStackTrace().length == 0) {
        // A hot JVM throws a builder's implicit null check without a stack (OmitStackTraceInFastThrow):
        // the field cannot be named, but the call is still refused as bad input, not as a crash.
        throw new ValidationException(what, List.of(new Violation("spec", "a null was given where a value is"
            + " required; no field, element, key or value may be null (run the JVM with"
            + " -XX:-OmitStackTraceInFastThrow to have the field named)")));
      }
      // Only a null the model's builders refused; a bug in the caller's own lambda stays what it is.
      StackTraceElement frame = thrower(e);
      if (frame == null) {
        throw e;
      }
      throw new ValidationException(what, List.of(nullField(root, frame, e.getMessage())));
    }
  }

  // "Cannot build HostClusterSpec, some of required attributes are not set [name, cloudType]"
  private static List<Violation> missing(String root, String message) {
    List<Violation> out = new ArrayList<>();
    if (message == null || !message.startsWith(CANNOT_BUILD) || !message.contains(NOT_SET)) {
      return out;
    }
    String type = message.substring(CANNOT_BUILD.length(), message.indexOf(',')).trim();
    int open = message.indexOf('[');
    int close = message.lastIndexOf(']');
    if (open < 0 || close < open) {
      return out;
    }
    String prefix = root.endsWith("." + type + "$Builder") ? "" : type + ".";
    for (String attribute : message.substring(open + 1, close).split(",")) {
      if (!attribute.isBlank()) {
        out.add(new Violation(prefix + attribute.trim(), "is required"
            + (prefix.isEmpty() ? "" : " on every " + type) + " and was not set"));
      }
    }
    return out;
  }

  // The frame of the model's builder that refused the null, if it was one of theirs.
  private static StackTraceElement thrower(NullPointerException e) {
    for (StackTraceElement frame : e.getStackTrace()) {
      if (frame.getClassName().equals(Objects.class.getName())) {
        continue;
      }
      return frame.getClassName().startsWith(MODEL) ? frame : null;
    }
    return null;
  }

  // Immutables names the attribute: "name", "nodePools element", "labels key", "labels value for key: k";
  // a null collection fails inside the setter, whose name then names the attribute.
  private static Violation nullField(String root, StackTraceElement frame, String message) {
    String builderClass = frame.getClassName();
    String type = builderClass.substring(MODEL.length()).replace("$Builder", "");
    String prefix = root.equals(builderClass) ? "" : type + ".";
    if (message == null || !IMMUTABLES_NULL.matcher(message).matches()) {
      return new Violation(prefix + setterField(frame.getMethodName()), "must not be null");
    }
    int space = message.indexOf(' ');
    String attribute = space < 0 ? message : message.substring(0, space);
    String rest = space < 0 ? "" : message.substring(space + 1);
    if (rest.equals("element")) {
      return new Violation(prefix + attribute, "must not hold a null element");
    }
    if (rest.equals("key")) {
      return new Violation(prefix + attribute, "must not hold a null key");
    }
    if (rest.startsWith("value for key: ")) {
      String key = rest.substring("value for key: ".length());
      return new Violation(prefix + attribute + "[" + shortened(key) + "]", "must not be null");
    }
    return new Violation(prefix + attribute, "must not be null");
  }

  // putAllLabels -> labels, addAllNodePools -> nodePools, labels -> labels
  private static String setterField(String method) {
    for (String verb : new String[] {"putAll", "addAll", "put", "add"}) {
      if (method.startsWith(verb) && method.length() > verb.length()) {
        String rest = method.substring(verb.length());
        return Character.toLowerCase(rest.charAt(0)) + rest.substring(1);
      }
    }
    return method;
  }

  private static String shortened(String key) {
    return key.length() <= 40 ? key : key.substring(0, 40) + "…(" + key.length() + " chars)";
  }
}

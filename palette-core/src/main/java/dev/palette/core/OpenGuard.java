package dev.palette.core;

import dev.palette.AppMode;
import dev.palette.ClusterMode;
import dev.palette.Operation;
import dev.palette.error.PaletteClosedException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * Makes every object of the public DSL fail with {@link PaletteClosedException} once its
 * {@code Palette} is closed, objects obtained before the close included. It wraps the modes and,
 * call by call, every DSL object and operation they hand out, so no view can forget the check.
 */
final class OpenGuard implements InvocationHandler {
  private final Object target;
  private final BooleanSupplier closed;

  private OpenGuard(Object target, BooleanSupplier closed) {
    this.target = target;
    this.closed = closed;
  }

  /**
   * {@code target} behind a proxy of {@code type} that checks {@code closed} on every call and refuses
   * null arguments.
   */
  static <T> T guard(Class<T> type, T target, BooleanSupplier closed) {
    return type.cast(Proxy.newProxyInstance(
        type.getClassLoader(), new Class<?>[] {type}, new OpenGuard(target, closed)));
  }

  @Override
  public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
    if (method.getDeclaringClass() == Object.class) {
      return switch (method.getName()) {
        case "equals" -> proxy == args[0];
        case "hashCode" -> System.identityHashCode(proxy);
        default -> method.invoke(target, args);
      };
    }
    if (closed.getAsBoolean()) {
      throw new PaletteClosedException();
    }
    requireArguments(method, args);
    Object result;
    try {
      result = method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
    if (result == null || Proxy.isProxyClass(result.getClass())) {
      return result;
    }
    // By what the object is, not the declared return type, which generics may have erased.
    Set<Class<?>> types = new LinkedHashSet<>();
    collectGuarded(result.getClass(), types);
    return types.isEmpty()
        ? result
        : Proxy.newProxyInstance(ClusterMode.class.getClassLoader(),
            types.toArray(Class<?>[]::new), new OpenGuard(result, closed));
  }

  // The API's one rule for nulls: a null argument is a NullPointerException naming the parameter,
  // before anything is read or written (see the package documentation of dev.palette).
  private static void requireArguments(Method method, Object[] args) {
    if (args == null) {
      return;
    }
    for (int i = 0; i < args.length; i++) {
      if (args[i] == null) {
        throw new NullPointerException(method.getParameters()[i].getName());
      }
    }
  }

  private static void collectGuarded(Class<?> type, Set<Class<?>> into) {
    for (Class<?> c = type; c != null; c = c.getSuperclass()) {
      for (Class<?> i : c.getInterfaces()) {
        if (guarded(i)) {
          into.add(i);
        }
        collectGuarded(i, into);
      }
    }
  }

  // The DSL's own interfaces and the handles they return; never model values or subscriptions,
  // which stay usable (a watch can still be closed after the Palette).
  private static boolean guarded(Class<?> type) {
    return type.isInterface()
        && (type.getPackageName().equals("dev.palette.dsl")
            || type == ClusterMode.class
            || type == AppMode.class
            || type == Operation.class);
  }
}

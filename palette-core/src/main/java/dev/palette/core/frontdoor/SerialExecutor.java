package dev.palette.core.frontdoor;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Runs tasks one at a time, in the order given, on threads of a shared pool, so that one
 * operation's callbacks keep their order while different operations' callbacks run side by side.
 */
final class SerialExecutor implements Executor {
  private final Executor pool;
  private final Queue<Runnable> tasks = new ArrayDeque<>();
  private boolean running;

  SerialExecutor(Executor pool) {
    this.pool = pool;
  }

  @Override
  public void execute(Runnable task) {
    synchronized (tasks) {
      tasks.add(task);
      if (running) {
        return;
      }
      running = true;
    }
    schedule();
  }

  private void schedule() {
    try {
      pool.execute(this::drain);
    } catch (RejectedExecutionException e) {
      // The engine closed; callbacks still queued are dropped with it.
      synchronized (tasks) {
        tasks.clear();
        running = false;
      }
    }
  }

  private void drain() {
    Runnable next;
    synchronized (tasks) {
      next = tasks.poll();
      if (next == null) {
        running = false;
        return;
      }
    }
    try {
      next.run();
    } finally {
      schedule();
    }
  }
}

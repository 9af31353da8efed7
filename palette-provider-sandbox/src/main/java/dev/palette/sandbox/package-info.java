/**
 * Cloud type {@code sandbox}: a simulation of infrastructure for tests, examples and benchmarks.
 * Host clusters are in-memory records whose Kubernetes API servers are in-process
 * {@link dev.palette.sandbox.kube.SimulatedApiServer}s, started only when access is asked for.
 * {@link dev.palette.sandbox.SandboxClusterConfig} is the sandbox's provider config. Nothing here
 * reaches a real cloud.
 */
package dev.palette.sandbox;

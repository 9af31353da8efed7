/**
 * A simulated Kubernetes API server for tests and simulations:
 * {@link dev.palette.sandbox.kube.SimulatedApiServer}, a Fabric8 mock server in CRUD mode with
 * server-side apply and an optional simulated kubelet, seeded with
 * {@link dev.palette.sandbox.kube.SimulatedNode}s. The sandbox provider gives each cluster one;
 * anything that talks to a cluster can start one of its own in a test.
 */
package dev.palette.sandbox.kube;

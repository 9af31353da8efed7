/**
 * Cloud type {@code sandbox}: a simulation of infrastructure for tests, examples and benchmarks.
 * Host clusters are in-memory records whose Kubernetes API servers are in-process Fabric8 mock
 * servers, started only when a kubeconfig is asked for. Nothing here reaches a real cloud.
 */
package dev.palette.sandbox;

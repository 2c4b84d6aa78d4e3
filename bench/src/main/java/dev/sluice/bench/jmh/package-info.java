/** JMH micro-benchmarks of the gateway's hot path. */
package dev.sluice.bench.jmh;

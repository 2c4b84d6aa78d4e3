/** The overhead benchmark: a fast fake upstream, a load generator and the report. */
package dev.sluice.bench;

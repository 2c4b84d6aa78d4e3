package dev.sluice.bench.jmh;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the JMH benchmarks of this package with short defaults (1 fork, 3 × 1 s warm-up,
 * 5 × 1 s measurement), so that a full run fits a few minutes on a small shared machine.
 *
 * <pre>
 * java -cp "bench/target/sluice-bench-0.1.0-SNAPSHOT.jar:bench/target/lib/*" dev.sluice.bench.jmh.RunJmh [options] [regex...]
 *
 *   regex            benchmarks to run (JMH include patterns, e.g. "RequestCodec" or "Stream.*chunk");
 *                    default: every benchmark in dev.sluice.bench.jmh
 *   --gc             add JMH's GC profiler: allocation per operation (gc.alloc.rate.norm, B/op)
 *   --json FILE      also write the results as JMH JSON to FILE (--csv FILE for CSV)
 *   -f N             forks (default 1)
 *   -wi N, -w SEC    warm-up iterations (default 3) and seconds each (default 1)
 *   -i N,  -r SEC    measurement iterations (default 5) and seconds each (default 1)
 *   -p NAME=V1,V2    override a @Param (e.g. -p variant=plain)
 *   --jvm-args "..." extra arguments for the forked JVM (default: -Xms1g -Xmx1g)
 *   -l               list the matching benchmarks and exit
 * </pre>
 */
public final class RunJmh {

    private RunJmh() {
    }

    public static void main(String[] args) throws RunnerException {
        boolean gc = false;
        boolean list = false;
        String resultFile = null;
        ResultFormatType resultFormat = null;
        int forks = 1;
        int warmupIterations = 3;
        int warmupSeconds = 1;
        int iterations = 5;
        int seconds = 1;
        String[] jvmArgs = {"-Xms1g", "-Xmx1g"};
        Map<String, String[]> params = new LinkedHashMap<>();
        List<String> includes = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--gc", "-prof=gc" -> gc = true;
                case "-prof" -> {
                    String profiler = value(args, ++i, arg);
                    if (!profiler.equals("gc")) {
                        usage("only the gc profiler is wired in: " + profiler);
                    }
                    gc = true;
                }
                case "--json" -> {
                    resultFile = value(args, ++i, arg);
                    resultFormat = ResultFormatType.JSON;
                }
                case "--csv" -> {
                    resultFile = value(args, ++i, arg);
                    resultFormat = ResultFormatType.CSV;
                }
                case "-f" -> forks = number(value(args, ++i, arg), arg);
                case "-wi" -> warmupIterations = number(value(args, ++i, arg), arg);
                case "-w" -> warmupSeconds = number(value(args, ++i, arg), arg);
                case "-i" -> iterations = number(value(args, ++i, arg), arg);
                case "-r" -> seconds = number(value(args, ++i, arg), arg);
                case "-p" -> {
                    String param = value(args, ++i, arg);
                    int eq = param.indexOf('=');
                    if (eq <= 0) {
                        usage("-p wants NAME=V1,V2: " + param);
                    }
                    params.put(param.substring(0, eq), param.substring(eq + 1).split(","));
                }
                case "--jvm-args" -> jvmArgs = value(args, ++i, arg).trim().split("\\s+");
                case "-l", "--list" -> list = true;
                case "-h", "--help" -> usage(null);
                default -> {
                    if (arg.startsWith("-")) {
                        usage("unknown option " + arg);
                    }
                    includes.add(arg);
                }
            }
        }
        if (includes.isEmpty()) {
            includes.add(RunJmh.class.getPackageName().replace(".", "\\.") + "\\..*");
        }

        ChainedOptionsBuilder options = new OptionsBuilder()
                .forks(forks)
                .warmupIterations(warmupIterations)
                .warmupTime(TimeValue.seconds(warmupSeconds))
                .measurementIterations(iterations)
                .measurementTime(TimeValue.seconds(seconds))
                .jvmArgsAppend(jvmArgs)
                .shouldFailOnError(true);
        includes.forEach(options::include);
        params.forEach(options::param);
        if (gc) {
            options.addProfiler(GCProfiler.class);
        }
        if (resultFile != null) {
            options.result(resultFile).resultFormat(resultFormat);
        }
        Runner runner = new Runner(options.build());
        if (list) {
            runner.list();
            return;
        }
        runner.run();
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            usage(option + " needs a value");
        }
        return args[i];
    }

    private static int number(String value, String option) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            usage(option + " wants a number: " + value);
            return 0;
        }
    }

    private static void usage(String problem) {
        if (problem != null) {
            System.err.println("RunJmh: " + problem);
        }
        System.err.println("""
                usage: RunJmh [--gc] [--json FILE | --csv FILE] [-f N] [-wi N] [-w SEC] [-i N] [-r SEC]
                              [-p NAME=V1,V2] [--jvm-args "ARGS"] [-l] [regex...]
                  defaults: 1 fork, 3 x 1 s warm-up, 5 x 1 s measurement, every benchmark of dev.sluice.bench.jmh""");
        System.exit(problem == null ? 0 : 2);
    }
}

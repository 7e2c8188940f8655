using KazNer.Bench;

// kazner-bench            : the engine alone (see EngineBench)
// kazner-bench kafka      : the worker end to end over the dev broker (see KafkaBench)
// Options named like worker settings (--Section:Key value) go to the worker as they are.
string[] options = ["--data", "--limit", "--model", "--device", "--threads", "--inter-op", "--concurrent", "--batch-tokens",
    "--batch-sequences", "--batch-padding", "--rounds", "--partitions", "--no-docs", "--outage-seconds", "--fraction",
    "--steady-seconds"];
BenchArguments arguments;
try
{
    // A mistyped option must not silently run a benchmark with defaults: the kafka run rewrites docs/performance.md.
    arguments = BenchArguments.Parse(args, options);
}
catch (ArgumentException e)
{
    await Console.Error.WriteLineAsync($"kazner-bench: {e.Message}\nusage: kazner-bench [kafka] [options]; options: {string.Join(", ", options)}, and worker settings as --Section:Key value").ConfigureAwait(false);
    return 2;
}

return arguments.Command == "kafka"
    ? await KafkaBench.RunAsync(arguments).ConfigureAwait(false)
    : EngineBench.Run(arguments);

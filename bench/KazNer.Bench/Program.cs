using KazNer.Bench;

// kazner-bench            : the engine alone (see EngineBench)
// kazner-bench kafka      : the worker end to end over the dev broker (see KafkaBench)
var arguments = BenchArguments.Parse(args);
return arguments.Command == "kafka"
    ? await KafkaBench.RunAsync(arguments).ConfigureAwait(false)
    : EngineBench.Run(arguments);

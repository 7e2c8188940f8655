using System.Globalization;

namespace KazNer.Bench;

/// <summary>An optional command word followed by <c>--name value</c> pairs.</summary>
internal sealed class BenchArguments
{
    private readonly Dictionary<string, string> values;

    private BenchArguments(string? command, Dictionary<string, string> values)
    {
        Command = command;
        this.values = values;
    }

    public string? Command { get; }

    public static BenchArguments Parse(string[] args, IReadOnlyCollection<string> known)
    {
        var command = args.Length > 0 && !args[0].StartsWith("--", StringComparison.Ordinal) ? args[0] : null;
        if (command is not null and not "kafka")
        {
            throw new ArgumentException($"unknown command {command}; the commands are none (the engine alone) and kafka");
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = command is null ? 0 : 1; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                throw new ArgumentException($"unexpected argument {args[i]}; options are --name value");
            }

            if (!args[i].Contains(':', StringComparison.Ordinal) && !known.Contains(args[i]))
            {
                throw new ArgumentException($"unknown option {args[i]}");
            }

            values[args[i]] = i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal) ? args[++i] : "true";
        }

        return new BenchArguments(command, values);
    }

    public string Text(string name, string fallback) => values.GetValueOrDefault(name, fallback);

    public int Int(string name, int fallback) =>
        values.TryGetValue(name, out var value) ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;

    public double Number(string name, double fallback) =>
        values.TryGetValue(name, out var value) ? double.Parse(value, CultureInfo.InvariantCulture) : fallback;

    public bool Flag(string name) => values.ContainsKey(name);

    /// <summary>Options named like worker settings (<c>--Section:Key value</c>), passed on to `kazner run` as they are.</summary>
    public IEnumerable<string> WorkerSettings() =>
        values.Where(v => v.Key.Contains(':', StringComparison.Ordinal)).SelectMany(v => new[] { v.Key, v.Value });
}

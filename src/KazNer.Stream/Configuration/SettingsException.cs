namespace KazNer.Stream.Configuration;

/// <summary>Settings that cannot be used, one readable line each (key, value, what is allowed).</summary>
internal sealed class SettingsException(IReadOnlyList<string> problems)
    : Exception(string.Join(Environment.NewLine, problems))
{
    public IReadOnlyList<string> Problems { get; } = problems;
}

namespace KazNer.Core.Tests;

/// <summary>Where the repository's real parts live: the shipped model, the KazNERD data beside the repo.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string DefaultModel => Path.Combine(Root, "models", "kazner-base");

    public static string ValidationData => Path.Combine(Root, "..", "shared", "data", "kaznerd", "IOB2_valid.txt");

    public static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    /// <summary>The KazNERD validation sentences as token lists; skips the test when the data is not beside the repo.</summary>
    public static IReadOnlyList<IReadOnlyList<string>> ValidationSentences()
    {
        if (!File.Exists(ValidationData))
        {
            Assert.Skip($"KazNERD validation data not found at {ValidationData}");
        }

        var sentences = new List<IReadOnlyList<string>>();
        var tokens = new List<string>();
        foreach (var line in File.ReadLines(ValidationData))
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                if (tokens.Count > 0)
                {
                    sentences.Add(tokens);
                    tokens = [];
                }

                continue;
            }

            tokens.Add(line[..line.LastIndexOf(' ')]);
        }

        if (tokens.Count > 0)
        {
            sentences.Add(tokens);
        }

        return sentences;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "KazNer.Stream.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("KazNer.Stream.sln not found above " + AppContext.BaseDirectory);
    }
}

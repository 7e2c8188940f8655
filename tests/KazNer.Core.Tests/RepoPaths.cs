using KazNer.Core.Evaluation;

namespace KazNer.Core.Tests;

/// <summary>Where the repository's real parts live: the shipped model, the KazNERD data in data/.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string DefaultModel => Path.Combine(Root, "models", "kazner-base");

    public static string ValidationData => Path.Combine(Root, "data", "kaznerd", "IOB2_valid.txt");

    /// <summary>The same sentences, each headed by its KazNERD id line.</summary>
    public static string ValidationDataWithIds => Path.Combine(Root, "data", "kaznerd", "IOB2_valid_with_ids.txt");

    /// <summary>KazNERD test part A with its id lines (the final check is a fifth of its id groups).</summary>
    public static string TestPartADataWithIds => Path.Combine(Root, "data", "kaznerd", "IOB2_test_partA_with_ids.txt");

    public static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    /// <summary>The KazNERD validation sentences as token lists (the repository carries the file in data/).</summary>
    public static IReadOnlyList<IReadOnlyList<string>> ValidationSentences() =>
        [.. ConllReader.ReadFile(ValidationData).Select(s => s.Tokens)];

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

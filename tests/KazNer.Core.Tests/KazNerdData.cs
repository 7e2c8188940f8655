namespace KazNer.Core.Tests;

/// <summary>Finds the shared KazNERD validation split next to the repository checkout.</summary>
internal static class KazNerdData
{
    /// <summary>The path of IOB2_valid.txt, or null when this checkout has no shared data beside it.</summary>
    public static string? ValidationFile()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "KazNer.Stream.sln")))
            {
                var path = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "data", "kaznerd", "IOB2_valid.txt"));
                return File.Exists(path) ? path : null;
            }
        }

        return null;
    }

    public static string ValidationFileOrSkip()
    {
        var path = ValidationFile();
        if (path is null)
        {
            Assert.Skip("KazNERD validation data not found at ../shared/data/kaznerd/IOB2_valid.txt beside the solution folder.");
        }

        return path;
    }
}

namespace KazNer.Stream.Tests.Deployment;

/// <summary>Files of the repository the tests run from, found by walking up to the solution file.</summary>
internal static class RepositoryFiles
{
    private static readonly Lazy<string> Root = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "KazNer.Stream.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No KazNer.Stream.sln above {AppContext.BaseDirectory}");
    });

    public static string PathOf(string relativePath) =>
        Path.Combine([Root.Value, .. relativePath.Split('/')]);

    public static string Read(string relativePath)
    {
        var path = PathOf(relativePath);
        Assert.True(File.Exists(path), $"{relativePath} is missing");
        return File.ReadAllText(path);
    }
}

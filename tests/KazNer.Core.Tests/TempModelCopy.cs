using System.Text.Json.Nodes;

namespace KazNer.Core.Tests;

/// <summary>A throw-away copy of the shipped bundle that a test may break or reconfigure.</summary>
internal sealed class TempModelCopy : IDisposable
{
    public TempModelCopy()
    {
        Directory.CreateDirectory(Path);
        foreach (var file in Directory.GetFiles(RepoPaths.DefaultModel))
        {
            File.Copy(file, System.IO.Path.Combine(Path, System.IO.Path.GetFileName(file)));
        }
    }

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "kazner-model-" + Guid.NewGuid().ToString("N"));

    public void EditConfig(Action<JsonObject> edit)
    {
        var path = System.IO.Path.Combine(Path, "config.json");
        var config = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        edit(config);
        File.WriteAllText(path, config.ToJsonString());
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
